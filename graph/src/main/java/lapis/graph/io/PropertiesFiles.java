package lapis.graph.io;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Key-value files in the {@link Properties} format, UTF-8: written atomically in the caller's key order with the
 * format's escapes, read back as a map. Unlike {@link Properties#store}, writes no date comment, so equal maps give
 * equal files (run directories stay comparable byte for byte). Stateless.
 */
public final class PropertiesFiles {
    private PropertiesFiles() {
    }

    /**
     * Writes one {@code key=value} line per entry, in the map's iteration order, escaping what
     * {@link Properties#load(Reader)} would otherwise read differently (backslashes, line breaks, separators and
     * comment marks, spaces in keys and leading spaces in values). Atomic, as {@link AtomicFiles#write}.
     */
    public static void write(Path file, Map<String, String> entries) throws IOException {
        AtomicFiles.write(file, w -> {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                w.write(escape(e.getKey(), true) + "=" + escape(e.getValue(), false) + "\n");
            }
        });
    }

    /** The entries of a properties file, sorted by key. */
    public static Map<String, String> read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> m = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k));
        }
        return m;
    }

    private static String escape(String s, boolean key) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case '=', ':', '#', '!' -> b.append('\\').append(c);
                case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
