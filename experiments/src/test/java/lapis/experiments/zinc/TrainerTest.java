package lapis.experiments.zinc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import lapis.encodings.TestGraphs;
import lapis.encodings.learned.Pearl;
import lapis.encodings.learned.SignNet;
import lapis.encodings.learned.Spe;
import lapis.graph.Graph;
import lapis.graph.GraphSample;
import lapis.graph.io.Json;
import lapis.nn.DType;
import lapis.nn.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class TrainerTest {
    @TempDir
    Path tmp;

    /** Random graphs whose target is the fraction of category-0 nodes plus a tenth of the edge density. */
    public static List<GraphSample> samples(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<GraphSample> out = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int n = 5 + rng.nextInt(8);
            Graph g = TestGraphs.random(n, 0.2, rng.nextLong());
            int[] atoms = new int[n];
            double zeros = 0;
            for (int i = 0; i < n; i++) {
                atoms[i] = rng.nextInt(4);
                zeros += atoms[i] == 0 ? 1 : 0;
            }
            int[] bonds = new int[g.edgeCount()];
            for (int e = 0; e < bonds.length; e++) {
                bonds[e] = rng.nextInt(2);
            }
            out.add(new GraphSample(g, atoms, bonds, new double[] {zeros / n + 0.1 * g.edgeCount() / n}));
        }
        return out;
    }

    public static ModelConfig tiny(PeKind pe) {
        return new ModelConfig(pe, new GinePeNetwork.Config(4, 2, 16, 2, 2, pe == PeKind.SPE), 4, 5,
                new Spe.Config(2, 2, 4, 0, 2, 8, 2, 4, false), new SignNet.Config(4, 2, 8, 2, 2, 4, true),
                new Pearl.Config(Pearl.Basis.RANDOM, 3, 3, 2, 2, 8, 2, 4), DType.F32);
    }

    private Trainer.Options options(PeKind pe, String dir, int epochs) {
        return Trainer.Options.zinc(pe, tmp.resolve(dir)).withModel(tiny(pe)).withEpochs(epochs).withBatchSize(16)
                .withOptimizer(3e-3, 3e-6, 5).withSeed(11).withThreads(2);
    }

    @Test
    void learnsAndEvaluateReproducesTheTestErrorExactly() throws IOException {
        List<GraphSample> train = samples(160, 1);
        List<GraphSample> val = samples(40, 2);
        List<GraphSample> test = samples(40, 3);
        double mean = train.stream().mapToDouble(s -> s.targets()[0]).average().orElseThrow();
        double baseline = test.stream().mapToDouble(s -> Math.abs(s.targets()[0] - mean)).average().orElseThrow();
        Trainer.Summary s = new Trainer(options(PeKind.NONE, "none", 12), TrainingListener.NONE)
                .run(train, val, test, Map.of("note", "test"));
        assertEquals(12, s.epochsCompleted());
        assertEquals("epochs", s.stopReason());
        assertTrue(s.testMaeAtBest() < 0.6 * baseline, "test MAE " + s.testMaeAtBest() + " vs predicting the mean "
                + baseline);
        Trainer.Evaluation e = TrainedRun.evaluate(tmp.resolve("none"), test, 1);
        assertEquals(s.testMaeAtBest(), e.mae(), 0.0, "evaluate reproduces the recorded test MAE bit for bit");
        List<String> csv = Files.readAllLines(tmp.resolve("none").resolve(RunDirectory.CSV));
        assertEquals(13, csv.size());
        assertEquals(Trainer.EpochRecord.HEADER, csv.get(0));
        String json = Files.readString(tmp.resolve("none").resolve(RunDirectory.SUMMARY));
        assertTrue(json.contains("\"note\": \"test\"") && json.contains("\"best_val_mae\""), json);
        Map<?, ?> summary = (Map<?, ?>) Json.parse(json);
        assertEquals(s.testMaeAtBest(), summary.get("test_mae_at_best"), "summary.json keeps the double exactly");
        assertEquals(12L, summary.get("epochs_completed"));
        assertEquals(Map.of("note", "test"), summary.get("metadata"));
    }

    /**
     * Stopping on a time budget anywhere and resuming gives the numbers of an uninterrupted run. The clock advances
     * one millisecond per reading, so the stops fall at the same steps on any machine.
     */
    @Test
    void aRunStoppedByTimeBudgetsAndResumedEqualsAnUninterruptedRun() throws IOException {
        List<GraphSample> train = samples(96, 4);
        List<GraphSample> val = samples(20, 5);
        List<GraphSample> test = samples(20, 6);
        for (PeKind pe : List.of(PeKind.LAPPE, PeKind.SPE, PeKind.PEARL)) {
            Trainer.Summary straight = new Trainer(options(pe, pe + "-straight", 3), TrainingListener.NONE)
                    .run(train, val, test, Map.of());
            Trainer.Summary pieces = null;
            int sessions = 0;
            long budgetMillis = 0;
            long[] clock = {0};
            LongSupplier millisecondPerReading = () -> clock[0] += 1_000_000;
            while (pieces == null || pieces.stopReason().equals("time budget")) {
                budgetMillis += 7;
                pieces = new Trainer(options(pe, pe + "-pieces", 3).withResume(true)
                        .withTimeBudget(Duration.ofMillis(budgetMillis)), TrainingListener.NONE,
                        millisecondPerReading).run(train, val, test, Map.of());
                sessions++;
                assertTrue(sessions < 400, "the run does not finish");
            }
            assertEquals(straight.lastValMae(), pieces.lastValMae(), 0.0, pe + ": " + sessions + " sessions");
            assertEquals(straight.lastTestMae(), pieces.lastTestMae(), 0.0);
            ZincModel a = TrainedRun.load(tmp.resolve(pe + "-straight"), true);
            ZincModel b = TrainedRun.load(tmp.resolve(pe + "-pieces"), true);
            for (Map.Entry<String, Tensor> p : a.namedParameters().entrySet()) {
                assertArrayEquals(p.getValue().toDoubleArray(), b.namedParameters().get(p.getKey()).toDoubleArray(),
                        pe + " " + p.getKey());
            }
            List<String> full = Files.readAllLines(tmp.resolve(pe + "-straight").resolve(RunDirectory.CSV));
            List<String> parts = Files.readAllLines(tmp.resolve(pe + "-pieces").resolve(RunDirectory.CSV));
            List<String> complete = new ArrayList<>();
            for (String row : parts.subList(1, parts.size())) {
                String[] f = row.split(",");
                if (f[1].equals(f[2])) {
                    complete.add(f[0] + "," + f[3] + "," + f[4] + "," + f[5]);
                }
            }
            assertEquals(3, complete.size());
            assertTrue(parts.size() - 1 > complete.size() && sessions > 2, pe + ": " + sessions + " sessions, "
                    + (parts.size() - 1) + " rows: no stop inside an epoch was exercised");
            for (int k = 0; k < 3; k++) {
                String[] f = full.get(k + 1).split(",");
                assertEquals(f[0] + "," + f[3] + "," + f[4] + "," + f[5], complete.get(k), pe + " epoch " + k);
            }
        }
    }

    @Test
    void epochsFittedToTheBudgetTrainExactlyAsARunGivenThatManyEpochs() throws IOException {
        List<GraphSample> train = samples(96, 4);
        List<GraphSample> val = samples(20, 5);
        List<GraphSample> test = samples(20, 6);
        long[] clock = {0};
        LongSupplier millisecondPerReading = () -> clock[0] += 1_000_000;
        double epochSeconds = new Trainer(options(PeKind.RWSE, "one", 1).withOptimizer(3e-3, 3e-6, 6),
                TrainingListener.NONE, millisecondPerReading).run(train, val, test, Map.of()).wallSeconds();
        int[] fitted = {0};
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochsFitted(int epochs, double secondsPerEpoch) {
                fitted[0] = epochs;
            }
        };
        Trainer.Options fit = options(PeKind.RWSE, "fit", 1).withOptimizer(3e-3, 3e-6, 6)
                .withTimeBudget(Duration.ofMillis(Math.round(3500 * epochSeconds))).withEpochsFittedToBudget(true);
        Trainer.Summary s = new Trainer(fit, listener, millisecondPerReading).run(train, val, test, Map.of());
        assertEquals(3, fitted[0], "a budget of 3.5 first epochs fits 3");
        assertEquals(3, s.epochsCompleted());
        assertEquals("epochs", s.stopReason(), "the fitted schedule ends inside the budget");
        Trainer.Summary given = new Trainer(options(PeKind.RWSE, "given", 3).withOptimizer(3e-3, 3e-6, 6),
                TrainingListener.NONE).run(train, val, test, Map.of());
        assertEquals(given.lastValMae(), s.lastValMae(), 0.0);
        assertEquals(given.lastTestMae(), s.lastTestMae(), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Trainer(
                options(PeKind.RWSE, "short", 1).withTimeBudget(Duration.ofSeconds(9)).withEpochsFittedToBudget(true),
                TrainingListener.NONE).run(train, val, test, Map.of()));
        assertTrue(e.getMessage().contains("the warm-up has 5 steps and an epoch 6 batches"), e.getMessage());
    }

    @Test
    void refusesToOverwriteOrToResumeWithOtherSettings() throws IOException {
        List<GraphSample> data = samples(20, 7);
        new Trainer(options(PeKind.RWSE, "r", 1), TrainingListener.NONE).run(data, data, data, Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(options(PeKind.RWSE, "r", 1), TrainingListener.NONE).run(data, data, data,
                        Map.of()));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Trainer(options(PeKind.RWSE, "r", 1)
                .withSeed(12).withResume(true), TrainingListener.NONE).run(data, data, data, Map.of()));
        assertTrue(e.getMessage().contains("train.seed is 11 in the run, 12 now"), e.getMessage());
    }

    @Test
    void configurationRoundTripsThroughText() {
        for (PeKind pe : PeKind.values()) {
            ModelConfig c = ModelConfig.zinc(pe).withSpe(Spe.Config.reference().withRho(4, 64, 2));
            assertEquals(c, ModelConfig.fromMap(c.toMap()));
        }
        Map<String, String> broken = new java.util.HashMap<>(tiny(PeKind.SPE).toMap());
        broken.put("spe.rhoHidden", "zero");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelConfig.fromMap(broken));
        assertTrue(e.getMessage().contains("spe.rhoHidden"), e.getMessage());
    }

    /** The peer's parameter counts: GINE alone 239,493; with reference SPE 778,434, of which SPE 380,477
     *  (rho's MLPs with batch norm, as the reference's ZINC trainer). */
    @Test
    void referenceModelsHaveThePeersParameterCounts() {
        assertEquals(239_493, new ZincModel(ModelConfig.zinc(PeKind.NONE), 0).parameterCount());
        ZincModel spe = new ZincModel(ModelConfig.zinc(PeKind.SPE), 0);
        assertEquals(778_434, spe.parameterCount());
        assertEquals(380_477, ((Spe) spe.encoding()).parameterCount());
        assertEquals(240_645, new ZincModel(ModelConfig.zinc(PeKind.LAPPE), 0).parameterCount());
    }
}
