package lapis.cli;

import java.util.Locale;

/** The two JSON encodings the commands need: strings with escapes, and numbers with NaN as null. */
final class Json {
    private Json() {
    }

    static String string(String s) {
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

    static String number(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, "%.17g", x).replaceAll("0+(?=e|$)", "")
                .replaceAll("\\.(?=e|$)", ".0") : "null";
    }
}
