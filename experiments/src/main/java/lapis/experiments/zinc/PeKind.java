package lapis.experiments.zinc;

import java.util.Locale;

/** The positional encoding of a run. */
public enum PeKind {
    /** No positional encoding. */
    NONE,
    /** Laplacian eigenvectors with random sign flips ({@link lapis.encodings.fixed.LapPe}). */
    LAPPE,
    /** Random-walk return probabilities ({@link lapis.encodings.fixed.Rwse}). */
    RWSE,
    /** SignNet ({@link lapis.encodings.learned.SignNet}). */
    SIGNNET,
    /** SPE ({@link lapis.encodings.learned.Spe}). */
    SPE,
    /** The PEARL-style fast variant without eigendecomposition ({@link lapis.encodings.learned.Pearl}). */
    PEARL;

    /** Whether the encoding reads Laplacian spectra. */
    public boolean needsSpectra() {
        return this == LAPPE || this == SIGNNET || this == SPE;
    }

    /** The lower-case name used on the command line and in files. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind called {@code name} (any case).
     *
     * @throws IllegalArgumentException naming the value and the accepted ones
     */
    public static PeKind parse(String name) {
        for (PeKind k : values()) {
            if (k.label().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown PE '" + name
                + "'; expected none, lappe, rwse, signnet, spe or pearl");
    }
}
