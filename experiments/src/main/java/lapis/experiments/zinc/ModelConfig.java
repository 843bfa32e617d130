package lapis.experiments.zinc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import lapis.encodings.learned.Pearl;
import lapis.encodings.learned.SignNet;
import lapis.encodings.learned.Spe;
import lapis.nn.DType;

/**
 * Everything that fixes the shape of a {@link ZincModel}: the encoding, the base network and the sizes of every
 * encoding (only the chosen one is used). Stored as flat {@code key=value} text in a run directory
 * ({@link #toMap}, {@link #fromMap}), so a checkpoint can be loaded without the command line that made it.
 *
 * @param pe the positional encoding
 * @param base the GINE base network
 * @param lapPeDimension d of LapPE (8, as the peer)
 * @param rwseSteps k of RWSE (20, as GraphGPS on ZINC)
 * @param spe SPE's sizes
 * @param signNet SignNet's sizes
 * @param pearl the PEARL-style encoding's sizes
 * @param dtype float32 for training, float64 for checks
 */
public record ModelConfig(PeKind pe, GinePeNetwork.Config base, int lapPeDimension, int rwseSteps, Spe.Config spe,
                          SignNet.Config signNet, Pearl.Config pearl, DType dtype) {
    public ModelConfig {
        Objects.requireNonNull(pe, "pe");
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(spe, "spe");
        Objects.requireNonNull(signNet, "signNet");
        Objects.requireNonNull(pearl, "pearl");
        Objects.requireNonNull(dtype, "dtype");
        if (lapPeDimension < 1 || rwseSteps < 1) {
            throw new IllegalArgumentException("LapPE dimension and RWSE steps must be >= 1, got " + lapPeDimension
                    + ", " + rwseSteps);
        }
    }

    /**
     * The ZINC model of the SPE paper for the given encoding, float32: GINE 4 x 128 with 3-layer MLPs; per-layer
     * PE MLPs for the learned encodings (as the SPE reference), not for LapPE and RWSE (as the peer's LapPE);
     * PEARL's fast sizes.
     */
    public static ModelConfig zinc(PeKind pe) {
        boolean perLayer = pe == PeKind.SPE || pe == PeKind.SIGNNET || pe == PeKind.PEARL;
        return new ModelConfig(pe, GinePeNetwork.Config.zinc().withPerLayerPe(perLayer), 8, 20,
                Spe.Config.reference(), SignNet.Config.reference(), Pearl.Config.fast(), DType.F32);
    }

    public ModelConfig withBase(GinePeNetwork.Config c) {
        return new ModelConfig(pe, c, lapPeDimension, rwseSteps, spe, signNet, pearl, dtype);
    }

    public ModelConfig withSpe(Spe.Config c) {
        return new ModelConfig(pe, base, lapPeDimension, rwseSteps, c, signNet, pearl, dtype);
    }

    public ModelConfig withSignNet(SignNet.Config c) {
        return new ModelConfig(pe, base, lapPeDimension, rwseSteps, spe, c, pearl, dtype);
    }

    public ModelConfig withLapPeDimension(int d) {
        return new ModelConfig(pe, base, d, rwseSteps, spe, signNet, pearl, dtype);
    }

    public ModelConfig withRwseSteps(int k) {
        return new ModelConfig(pe, base, lapPeDimension, k, spe, signNet, pearl, dtype);
    }

    public ModelConfig withPearl(Pearl.Config c) {
        return new ModelConfig(pe, base, lapPeDimension, rwseSteps, spe, signNet, c, dtype);
    }

    public ModelConfig withDtype(DType d) {
        return new ModelConfig(pe, base, lapPeDimension, rwseSteps, spe, signNet, pearl, d);
    }

    /** The width p of the encoding (0 for none). */
    public int peChannels() {
        return switch (pe) {
            case NONE -> 0;
            case LAPPE -> lapPeDimension;
            case RWSE -> rwseSteps;
            case SIGNNET -> signNet.channels();
            case SPE -> spe.channels();
            case PEARL -> pearl.channels();
        };
    }

    /** The configuration as ordered key-value pairs. */
    public Map<String, String> toMap() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("model.pe", pe.label());
        out.put("model.dtype", dtype.name());
        out.put("lappe.dimension", String.valueOf(lapPeDimension));
        out.put("rwse.steps", String.valueOf(rwseSteps));
        RecordProperties.write("base", base, out);
        RecordProperties.write("spe", spe, out);
        RecordProperties.write("signnet", signNet, out);
        RecordProperties.write("pearl", pearl, out);
        return out;
    }

    /**
     * The configuration written by {@link #toMap}.
     *
     * @throws IllegalArgumentException naming a missing or unreadable key
     */
    public static ModelConfig fromMap(Map<String, String> in) {
        Objects.requireNonNull(in, "in");
        return new ModelConfig(PeKind.parse(required(in, "model.pe")), RecordProperties.read("base",
                GinePeNetwork.Config.class, in), integer(in, "lappe.dimension"), integer(in, "rwse.steps"),
                RecordProperties.read("spe", Spe.Config.class, in), RecordProperties.read("signnet",
                SignNet.Config.class, in), RecordProperties.read("pearl", Pearl.Config.class, in),
                DType.valueOf(required(in, "model.dtype")));
    }

    private static String required(Map<String, String> in, String key) {
        String v = in.get(key);
        if (v == null) {
            throw new IllegalArgumentException("configuration lacks '" + key + "'");
        }
        return v.strip();
    }

    private static int integer(Map<String, String> in, String key) {
        try {
            return Integer.parseInt(required(in, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("configuration '" + key + "' is not an integer", e);
        }
    }
}
