package lapis.nn.layers;

import lapis.nn.MessagePassing;
import lapis.nn.Tape;
import lapis.nn.Tensor;

/** Readout from node rows to one row per graph: invariant to the order of nodes inside each graph. */
public enum GlobalPooling {
    /** Sum of the node rows of each graph. */
    SUM,
    /** Mean of the node rows of each graph (0 for a graph without nodes). */
    MEAN;

    public Tensor apply(Tape t, Tensor x, GraphBatchIndex g) {
        return this == SUM ? MessagePassing.scatterSum(t, x, g.graphs()) : MessagePassing.segmentMean(t, x, g.graphs());
    }
}
