package lapis.graph.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text through Jackson's streaming API. Values are maps (string keys, written in their iteration order), lists,
 * {@code double[]} and {@code int[]}, strings, booleans, numbers and null; a double that is NaN or infinite is
 * written as null, and doubles take Java's shortest round-trip form ({@code 0.1}, {@code 1.0E-10}). Stateless.
 */
public final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /** value as indented JSON (two spaces, {@code "key": value}, arrays on one line), ending in a newline. */
    public static String write(Object value) {
        return generate(value, printer(Separators.Spacing.NONE).withObjectIndenter(new DefaultIndenter("  ", "\n")))
                + "\n";
    }

    /**
     * value as JSON on one line, {@code {"key": value, "list": [1, 2]}}, without a line end (as in
     * {@code RESULT_JSON {...}} lines).
     */
    public static String line(Object value) {
        return generate(value, printer(Separators.Spacing.AFTER).withObjectIndenter(DefaultPrettyPrinter.NopIndenter
                .instance));
    }

    /**
     * Separators {@code ": "}, {@code ", "} in arrays and {@code ","} plus entrySpacing in objects; {} and [] for
     * empty values; arrays on one line.
     */
    private static DefaultPrettyPrinter printer(Separators.Spacing entrySpacing) {
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEntrySpacing(entrySpacing)
                .withArrayValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance);
    }

    /** s as a JSON string literal, quotes included: {@code "}, {@code \} and control characters escaped. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, b);
        return b.append('"').toString();
    }

    /**
     * The value of JSON text: objects as {@link LinkedHashMap}s, arrays as lists, integers as Long, other numbers as
     * Double, and strings, booleans and null as themselves.
     *
     * @throws IllegalArgumentException if the text is not one JSON value
     */
    public static Object parse(String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new IllegalArgumentException("no JSON value in an empty text");
            }
            Object v = value(p);
            if (p.nextToken() != null) {
                throw new IllegalArgumentException("text after the JSON value at " + p.currentLocation()
                        .offsetDescription());
            }
            return v;
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    m.put(key, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalArgumentException("unexpected " + t + " at " + p.currentLocation()
                    .offsetDescription());
        }
    }

    private static String generate(Object value, DefaultPrettyPrinter pretty) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(w)) {
            g.setPrettyPrinter(pretty);
            write(value, g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(Object v, JsonGenerator g) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number x) {
            number(x.doubleValue(), g);
        } else if (v instanceof double[] a) {
            g.writeStartArray();
            for (double x : a) {
                number(x, g);
            }
            g.writeEndArray();
        } else if (v instanceof int[] a) {
            g.writeArray(a, 0, a.length);
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(e.getValue(), g);
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) {
                write(x, g);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    private static void number(double x, JsonGenerator g) throws IOException {
        if (Double.isFinite(x)) {
            g.writeNumber(x);
        } else {
            g.writeNull();
        }
    }
}
