/**
 * The ZINC experiment of the SPE paper (methods.md section 4): the GINE base network with a positional encoding
 * ({@link lapis.encodings.train.GinePeNetwork}, {@link lapis.encodings.train.ZincModel}), its configuration
 * ({@link lapis.encodings.train.ModelConfig}, stored as text in run directories), collated batches of
 * {@link lapis.graph.GraphSample}s ({@link lapis.encodings.train.SampleBatch}), and the
 * {@link lapis.encodings.train.Trainer}: L1 loss, Adam with warm-up and linear decay, per-epoch CSV, best and last
 * checkpoints, time budgets with exact resume, and {@link lapis.encodings.train.Trainer#evaluate} that reproduces a
 * run's test error. Nothing here prints; progress goes to a {@link lapis.encodings.train.TrainingListener}.
 */
package lapis.encodings.train;
