/**
 * The ZINC experiment of the SPE paper (methods.md section 4): the GINE base network with a positional encoding
 * ({@link lapis.experiments.zinc.GinePeNetwork}, {@link lapis.experiments.zinc.ZincModel}), its configuration
 * ({@link lapis.experiments.zinc.ModelConfig}, stored as text in run directories), collated batches of
 * {@link lapis.graph.GraphSample}s ({@link lapis.experiments.zinc.SampleBatch}), and the
 * {@link lapis.experiments.zinc.Trainer}: L1 loss, Adam with warm-up and linear decay, per-epoch CSV, best and last
 * checkpoints, time budgets with exact resume, and {@link lapis.experiments.zinc.TrainedRun#evaluate} that reproduces a
 * run's test error. Nothing here prints; progress goes to a {@link lapis.experiments.zinc.TrainingListener}.
 */
package lapis.experiments.zinc;
