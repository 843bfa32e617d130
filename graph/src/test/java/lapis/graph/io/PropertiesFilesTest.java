package lapis.graph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyCharacterTheFormatTreatsSpeciallyRoundTrips() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train.seed", "1");
        m.put("source", "C:\\data\\zinc.csv");
        m.put("a key with spaces", "  leading spaces, a = b: c # not a comment ! either");
        m.put("#starts like a comment", "line one\nline two\r\ttabbed\f");
        m.put("unicode", "Kohn\u2013Sham \u03bb");
        m.put("empty", "");
        Path f = dir.resolve("x.properties");
        PropertiesFiles.write(f, m);
        assertEquals(m, PropertiesFiles.read(f));
        List<String> lines = Files.readAllLines(f);
        assertEquals(m.size(), lines.size(), "one line per entry, no date comment");
        assertEquals("train.seed=1", lines.get(0), "written in the caller's order");
    }
}
