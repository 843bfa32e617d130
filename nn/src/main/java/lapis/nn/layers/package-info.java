/**
 * Layers as {@link lapis.nn.Module}s: {@link lapis.nn.layers.Linear}, {@link lapis.nn.layers.Mlp},
 * {@link lapis.nn.layers.Embedding}, {@link lapis.nn.layers.BatchNorm}, {@link lapis.nn.layers.LayerNorm},
 * {@link lapis.nn.layers.Dropout}; message passing over a {@link lapis.graph.GraphBatch} through
 * {@link lapis.nn.layers.GraphBatchIndex}: {@link lapis.nn.layers.GinConv} (Xu et al., ICLR 2019),
 * {@link lapis.nn.layers.GineConv} (Hu et al., ICLR 2020) and {@link lapis.nn.layers.GlobalPooling}. The networks
 * built from them for the ZINC experiment are in {@code lapis.experiments.zinc}.
 */
package lapis.nn.layers;
