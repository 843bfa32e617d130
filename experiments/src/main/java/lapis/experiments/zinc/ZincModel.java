package lapis.experiments.zinc;

import java.util.Objects;
import java.util.SplittableRandom;
import lapis.encodings.NodeEncoding;
import lapis.graph.Seeds;
import lapis.encodings.fixed.LapPe;
import lapis.encodings.fixed.Rwse;
import lapis.encodings.learned.Pearl;
import lapis.encodings.learned.SignNet;
import lapis.encodings.learned.Spe;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/**
 * A graph regression model: a {@link NodeEncoding} (or none) feeding a {@link GinePeNetwork}. Parameters are drawn
 * from one generator seeded by {@code seed}, the encoding's first, so a model is a pure function of (config,
 * seed); LapPE's sign flips and PEARL's random vectors use seeds derived from the same one. Parameter names start
 * with {@code encoding.} and {@code network.}, which is the checkpoint layout.
 */
public final class ZincModel extends Module {
    private final ModelConfig config;
    private final NodeEncoding encoding;
    private final GinePeNetwork network;

    public ZincModel(ModelConfig config, long seed) {
        this.config = Objects.requireNonNull(config, "config");
        SplittableRandom rng = new SplittableRandom(seed);
        this.encoding = switch (config.pe()) {
            case NONE -> null;
            case LAPPE -> new LapPe(config.lapPeDimension(), config.dtype(), Seeds.derive(seed, 1));
            case RWSE -> new Rwse(config.rwseSteps(), config.dtype());
            case SIGNNET -> child("encoding", new SignNet(config.signNet(), config.dtype(), rng));
            case SPE -> child("encoding", new Spe(config.spe(), config.dtype(), rng));
            case PEARL -> child("encoding", new Pearl(config.pearl(), config.dtype(), rng, Seeds.derive(seed, 2)));
        };
        this.network = child("network", new GinePeNetwork(config.base(), config.peChannels(), config.dtype(), rng));
    }

    public ModelConfig config() {
        return config;
    }

    /** The encoding, or null without one. */
    public NodeEncoding encoding() {
        return encoding;
    }

    /** The base network. */
    public GinePeNetwork network() {
        return network;
    }

    /** Predictions for the batch, shape [graphs]. */
    public Tensor forward(Tape t, SampleBatch b) {
        Tensor pe = encoding == null ? null : encoding.encode(t, b.encoding());
        return network.forward(t, b.atoms(), b.bonds(), b.encoding().index(), pe);
    }
}
