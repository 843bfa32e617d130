/** Atomic, checksummed checkpoints of a model and its optimiser: {@link lapis.nn.checkpoint.Checkpoint}. */
package lapis.nn.checkpoint;
