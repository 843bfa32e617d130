package lapis.cli;

import java.util.Locale;

/** Number formatting for people: significant digits without trailing zeros. */
final class Numbers {
    private Numbers() {
    }

    /** x with {@code digits} significant digits, trailing zeros of the fraction removed ("2.5", "0.5858", "1000"). */
    static String compact(double x, int digits) {
        String text = String.format(Locale.ROOT, "%." + digits + "g", x);
        int e = text.indexOf('e');
        String mantissa = e < 0 ? text : text.substring(0, e);
        String exponent = e < 0 ? "" : text.substring(e);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return mantissa + exponent;
    }
}
