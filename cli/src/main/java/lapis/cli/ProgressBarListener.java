package lapis.cli;

import lapis.datasets.ProgressListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Draws a library {@link ProgressListener} as a progress bar on stderr, one bar per task, closed when the task
 * reports completion. Byte counts are shown in MB. Not thread-safe: one load at a time.
 */
final class ProgressBarListener implements ProgressListener, AutoCloseable {
    private ProgressBar bar;
    private String task;

    @Override
    public void progress(String task, long done, long total, String unit) {
        if (bar == null || !task.equals(this.task)) {
            close();
            this.task = task;
            ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err));
            if ("bytes".equals(unit)) {
                b.setUnit(" MB", 1 << 20);
            }
            bar = b.build();
        }
        bar.stepTo(done);
        if (total >= 0 && done >= total) {
            close();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
