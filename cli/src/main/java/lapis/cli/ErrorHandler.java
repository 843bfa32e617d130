package lapis.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Turns the exceptions of bad input into one line on stderr and exit code 2; anything else is a bug and keeps its
 * stack trace (exit code 1).
 */
public final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    public static final int BAD_INPUT = 2;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parseResult) {
        String message = badInputMessage(ex);
        if (message == null) {
            ex.printStackTrace(cl.getErr());
            return 1;
        }
        cl.getErr().println("lapis: " + message);
        cl.getErr().flush();
        return BAD_INPUT;
    }

    private static String badInputMessage(Throwable ex) {
        if (ex instanceof UncheckedIOException u) {
            ex = u.getCause();
        }
        if (ex instanceof NoSuchFileException nf) {
            return nf.getFile() + ": no such file";
        }
        if (ex instanceof IOException || ex instanceof IllegalArgumentException
                || ex instanceof org.jgrapht.nio.ImportException) {
            return ex.getMessage();
        }
        return null;
    }
}
