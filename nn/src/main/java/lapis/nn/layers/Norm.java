package lapis.nn.layers;

/** The normalisation between the linear layers of an {@link Mlp}. */
public enum Norm { NONE, BATCH, LAYER }
