package lapis.graph.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a half-written file.
 * Stateless.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Runs {@code body} on a UTF-8 writer to a new temporary file in the directory of {@code target}, then moves
     * the temporary file onto the target with {@link StandardCopyOption#ATOMIC_MOVE} (falling back to
     * {@link StandardCopyOption#REPLACE_EXISTING} where the file system cannot move atomically). If the body or
     * the move fails, the temporary file is deleted, the target is left as it was, and the failure is rethrown.
     * The new file gets the default permissions of a newly created file.
     *
     * @throws IOException from the body, the writer or the move
     */
    public static void write(Path target, IOConsumer<Writer> body) throws IOException {
        Objects.requireNonNull(body, "body");
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (Writer w = new BufferedWriter(new OutputStreamWriter(
                    Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    StandardCharsets.UTF_8.newEncoder()))) {
                body.accept(w);
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable failure) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** A consumer that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IOConsumer<T> {
        void accept(T t) throws IOException;
    }
}
