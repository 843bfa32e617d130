package lapis.experiments.zinc;

import java.util.Locale;
import java.util.Map;

/** The JSON the run summaries need: an object of strings, numbers (NaN as null) and nested string maps. */
final class JsonText {
    private final StringBuilder b = new StringBuilder("{");
    private boolean first = true;

    JsonText field(String key, Object value) {
        b.append(first ? "\n  " : ",\n  ").append(string(key)).append(": ");
        first = false;
        if (value == null) {
            b.append("null");
        } else if (value instanceof Double d) {
            b.append(number(d));
        } else if (value instanceof Number || value instanceof Boolean) {
            b.append(value);
        } else if (value instanceof Map<?, ?> m) {
            b.append('{');
            boolean inner = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(inner ? "\n    " : ",\n    ").append(string(String.valueOf(e.getKey()))).append(": ")
                        .append(string(String.valueOf(e.getValue())));
                inner = false;
            }
            b.append(inner ? "}" : "\n  }");
        } else {
            b.append(string(String.valueOf(value)));
        }
        return this;
    }

    String end() {
        return b.append("\n}\n").toString();
    }

    static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.10g", x) : "null";
    }

    static String string(String s) {
        StringBuilder o = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> o.append("\\\"");
                case '\\' -> o.append("\\\\");
                case '\n' -> o.append("\\n");
                case '\r' -> o.append("\\r");
                case '\t' -> o.append("\\t");
                default -> {
                    if (c < 0x20) {
                        o.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        o.append(c);
                    }
                }
            }
        }
        return o.append('"').toString();
    }
}
