package lapis.nn.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import lapis.nn.DType;
import lapis.nn.Losses;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;
import lapis.nn.Threads;
import lapis.nn.layers.LabelledMolecules;
import lapis.nn.layers.GineNetwork;
import lapis.nn.optim.Adam;
import lapis.nn.optim.AdamW;
import lapis.nn.optim.LearningRateSchedule;
import lapis.nn.optim.Optimizer;
import lapis.nn.optim.Soap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips restore predictions and training exactly; bad files fail with a message naming the problem. */
class CheckpointTest {
    private final Threads threads = Threads.single();
    private final LabelledMolecules.Batch batch = LabelledMolecules.collate(LabelledMolecules.generate(1, 0, 12),
            DType.F32);

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        threads.close();
    }

    private static GineNetwork model(long seed, int hidden) {
        return new GineNetwork(new GineNetwork.Config(28, 4, hidden, 2, 2, DType.F32), new SplittableRandom(seed));
    }

    private void train(GineNetwork net, Optimizer opt, int steps) {
        for (int s = 0; s < steps; s++) {
            Tape t = Tape.train(threads, s);
            Tensor loss = Losses.l1(t, net.forward(t, batch.atoms(), batch.bonds(), batch.index(), null),
                    batch.targets());
            t.backward(loss);
            opt.step(loss.item());
            opt.zeroGrad();
        }
    }

    private float[] predict(GineNetwork net) {
        return net.forward(Tape.inference(threads), batch.atoms(), batch.bonds(), batch.index(), null)
                .toFloatArray();
    }

    private static float[] flat(Module m) {
        return m.namedParameters().values().stream().map(Tensor::toFloatArray).reduce(new float[0], (a, b) -> {
            float[] c = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, c, a.length, b.length);
            return c;
        });
    }

    private void roundTripResumesTrainingExactly(Function<GineNetwork, Optimizer> make) throws IOException {
        GineNetwork a = model(1, 16);
        Optimizer oa = make.apply(a);
        train(a, oa, 3);
        Path file = dir.resolve("model.ckpt");
        Checkpoint.save(file, a, oa);
        GineNetwork b = model(2, 16);
        Optimizer ob = make.apply(b);
        assertNotEquals(java.util.Arrays.toString(predict(a)), java.util.Arrays.toString(predict(b)));
        Checkpoint.load(file, b, ob);
        assertArrayEquals(predict(a), predict(b));
        assertEquals(3, ob.steps());
        train(a, oa, 2);
        train(b, ob, 2);
        assertArrayEquals(flat(a), flat(b));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void adamRoundTripRestoresPredictionsAndTraining() throws IOException {
        roundTripResumesTrainingExactly(net -> new Adam(net.namedParameters(), LearningRateSchedule.constant(1e-2),
                Adam.Options.defaults()));
    }

    @Test
    void soapRoundTripRestoresPredictionsAndTraining() throws IOException {
        roundTripResumesTrainingExactly(net -> new Soap(net.namedParameters(), LearningRateSchedule.constant(1e-2),
                Soap.Options.defaults().withFrequency(2), threads));
    }

    @Test
    void badFilesAreRefusedWithTheReasonAndChangeNothing() throws IOException {
        GineNetwork a = model(1, 16);
        Adam adam = new Adam(a.namedParameters(), LearningRateSchedule.constant(1e-2), Adam.Options.defaults());
        train(a, adam, 1);
        Path file = dir.resolve("m.ckpt");
        Checkpoint.save(file, a, adam);
        byte[] bytes = Files.readAllBytes(file);

        GineNetwork b = model(2, 16);
        float[] before = flat(b);
        Path cut = dir.resolve("cut.ckpt");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        CheckpointException e = assertThrows(CheckpointException.class, () -> Checkpoint.load(cut, b, null));
        assertTrue(e.problem().contains("truncated"), e.getMessage());

        Path flipped = dir.resolve("flipped.ckpt");
        byte[] f = bytes.clone();
        f[f.length / 2] ^= 0x10;
        Files.write(flipped, f);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(flipped, b, null));
        assertTrue(e.problem().contains("checksum"), e.getMessage());

        Path junk = dir.resolve("junk.ckpt");
        Files.writeString(junk, "hello");
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(junk, b, null));
        assertTrue(e.problem().contains("not a Lapis checkpoint"), e.getMessage());

        GineNetwork wider = model(2, 24);
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, wider, null));
        assertTrue(e.problem().contains("parameter 'atom_embedding.weight' is F32 [28, 16] in the file but F32 "
                + "[28, 24] in the model"), e.getMessage());

        GineNetwork deeper = new GineNetwork(new GineNetwork.Config(28, 4, 16, 3, 2, DType.F32),
                new SplittableRandom(3));
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, deeper, null));
        assertTrue(e.problem().contains("parameter 'gine2.eps' is missing from the file"), e.getMessage());

        AdamW other = new AdamW(b.namedParameters(), LearningRateSchedule.constant(1e-2), AdamW.defaults());
        e = assertThrows(CheckpointException.class, () -> Checkpoint.load(file, b, other));
        assertTrue(e.problem().contains("optimiser state is for lapis.nn.optim.Adam"), e.getMessage());
        assertArrayEquals(before, flat(b), "a refused load changes nothing");
    }
}
