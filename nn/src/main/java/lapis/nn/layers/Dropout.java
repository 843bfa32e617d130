package lapis.nn.layers;

import lapis.nn.Regularization;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/** Inverted dropout with probability p in training; the identity in evaluation. Seeds come from the tape. */
public final class Dropout {
    private final double p;

    public Dropout(double p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
    }

    public Tensor forward(Tape t, Tensor x) {
        return t.training() && p > 0 ? Regularization.dropout(t, x, p, t.nextSeed()) : x;
    }
}
