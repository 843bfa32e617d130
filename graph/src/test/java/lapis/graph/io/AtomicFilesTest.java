package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }

    @Test
    void writesTheWholeContentAsUtf8() throws IOException {
        Path target = dir.resolve("out.txt");
        AtomicFiles.write(target, w -> w.write("é line\n"));
        assertEquals("é line\n", Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of(target), files());
    }

    @Test
    void replacesAnExistingFile() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        AtomicFiles.write(target, w -> w.write("new"));
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void failingBodyLeavesNoFileAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out.txt");
        IOException boom = new IOException("disk full");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, w -> {
            w.write("partial content that must not appear");
            throw boom;
        }));
        assertSame(boom, e);
        assertFalse(Files.exists(target));
        assertEquals(List.of(), files());
    }

    @Test
    void failingBodyLeavesThePreviousFileUntouched() throws IOException {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "previous");
        IllegalStateException boom = new IllegalStateException("bug in the body");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AtomicFiles.write(target, w -> {
            w.write("partial");
            throw boom;
        }));
        assertSame(boom, e);
        assertEquals("previous", Files.readString(target));
        assertEquals(List.of(target), files());
    }

    @Test
    void relativeTargetIsResolvedAgainstItsOwnDirectory() throws IOException {
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path target = sub.resolve("x.mtx");
        AtomicFiles.write(target, w -> w.write("1"));
        assertEquals("1", Files.readString(target));
        try (Stream<Path> s = Files.list(sub)) {
            assertEquals(List.of(target), s.toList());
        }
    }
}
