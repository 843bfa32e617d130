package lapis.nn.layers;

import java.util.random.RandomGenerator;
import lapis.nn.DType;
import lapis.nn.Index;
import lapis.nn.MessagePassing;
import lapis.nn.Module;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/** A table of {@code count} learned vectors of length {@code dim}, initialised N(0, 1) as in PyTorch. */
public final class Embedding extends Module {
    private final Tensor table;

    public Embedding(int count, int dim, DType dtype, RandomGenerator rng) {
        this.table = parameter("weight", Tensor.normal(dtype, rng, 1, count, dim));
    }

    /** Row ids[k] of the table for each k; {@code ids.range()} must equal the table size. */
    public Tensor forward(Tape t, Index ids) {
        return MessagePassing.gather(t, table, ids);
    }

    public int count() {
        return table.dim(0);
    }
}
