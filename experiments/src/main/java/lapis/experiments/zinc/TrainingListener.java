package lapis.experiments.zinc;

/**
 * Receives the progress of a {@link Trainer} run (the library itself prints nothing). Called on the training thread;
 * every method has an empty default.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /**
     * The run starts (or resumes) at {@code epoch}, batch {@code batch}.
     *
     * @param batchesPerEpoch batches in every epoch
     * @param totalSteps batches of all epochs together (the learning-rate schedule's length); 0 while the epochs
     *     are still to be fitted to the time budget
     * @param stepsDone batches already trained (more than 0 after a resume)
     */
    default void started(int epoch, int batch, int batchesPerEpoch, long totalSteps, long stepsDone) {
    }

    /** One training step ended with this batch loss (mean absolute error of the batch). */
    default void step(int epoch, int batch, double loss, double learningRate) {
    }

    /** Validation and test evaluation begins after training on {@code epoch}. */
    default void evaluating(int epoch) {
    }

    /** The epochs were fitted to the time budget after the first epoch, which took {@code secondsPerEpoch}. */
    default void epochsFitted(int epochs, double secondsPerEpoch) {
    }

    /** An epoch (or the part of one before a stop) was evaluated and recorded. */
    default void epochEnded(Trainer.EpochRecord record) {
    }
}
