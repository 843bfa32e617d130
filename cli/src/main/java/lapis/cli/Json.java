package lapis.cli;

import java.util.Locale;

/**
 * JSON encodings for the commands: strings with escapes, numbers with NaN as null, and whole values (maps with string
 * keys in their order, lists, arrays of numbers or ints, strings, booleans, numbers) written with two-space indent.
 */
public final class Json {
    private Json() {
    }

    public static String string(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /**
     * x with 17 significant digits, trailing zeros of the mantissa dropped (the exponent is kept whole: 1e-10
     * stays 1.0e-10), NaN and infinities as null.
     */
    public static String number(double x) {
        if (!Double.isFinite(x)) {
            return "null";
        }
        String s = String.format(Locale.ROOT, "%.17g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", ".0");
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** A value as indented JSON text. */
    public static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(value, b, "");
        return b.append('\n').toString();
    }

    private static void write(Object v, StringBuilder b, String indent) {
        String inner = indent + "  ";
        if (v == null) {
            b.append("null");
        } else if (v instanceof String s) {
            b.append(string(s));
        } else if (v instanceof Boolean f) {
            b.append(f);
        } else if (v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof Number x) {
            b.append(number(x.doubleValue()));
        } else if (v instanceof double[] a) {
            b.append('[');
            for (int i = 0; i < a.length; i++) {
                b.append(i == 0 ? "" : ", ").append(number(a[i]));
            }
            b.append(']');
        } else if (v instanceof int[] a) {
            b.append(java.util.Arrays.toString(a));
        } else if (v instanceof java.util.Map<?, ?> m) {
            b.append("{");
            int i = 0;
            for (java.util.Map.Entry<?, ?> e : m.entrySet()) {
                b.append(i++ == 0 ? "\n" : ",\n").append(inner).append(string(String.valueOf(e.getKey()))).append(": ");
                write(e.getValue(), b, inner);
            }
            b.append(m.isEmpty() ? "}" : "\n" + indent + "}");
        } else if (v instanceof java.util.List<?> l) {
            b.append("[");
            for (int i = 0; i < l.size(); i++) {
                b.append(i == 0 ? "\n" : ",\n").append(inner);
                write(l.get(i), b, inner);
            }
            b.append(l.isEmpty() ? "]" : "\n" + indent + "]");
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }
}
