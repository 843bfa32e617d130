package lapis.cli;

import java.util.Locale;
import lapis.datasets.molecules.SplitSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --split SPEC}: none, column:NAME, random:TRAIN,VAL,SEED, scaffold:TRAIN,VAL or size:TRAIN,VAL. */
final class SplitSpecConverter implements ITypeConverter<SplitSpec> {
    private static final String FORMS = "none, column:NAME, random:TRAIN,VAL,SEED, scaffold:TRAIN,VAL or "
            + "size:TRAIN,VAL";

    @Override
    public SplitSpec convert(String text) {
        int colon = text.indexOf(':');
        String kind = (colon < 0 ? text : text.substring(0, colon)).toLowerCase(Locale.ROOT);
        String rest = colon < 0 ? null : text.substring(colon + 1);
        return switch (kind) {
            case "none" -> {
                arguments(text, rest, 0);
                yield SplitSpec.none();
            }
            case "column" -> {
                if (rest == null || rest.isEmpty()) {
                    throw bad(text, "column: needs the column's name");
                }
                yield SplitSpec.column(rest);
            }
            case "random" -> {
                String[] a = arguments(text, rest, 3);
                yield SplitSpec.random(fraction(text, a[0]), fraction(text, a[1]), seed(text, a[2]));
            }
            case "scaffold" -> {
                String[] a = arguments(text, rest, 2);
                yield SplitSpec.scaffold(fraction(text, a[0]), fraction(text, a[1]));
            }
            case "size" -> {
                String[] a = arguments(text, rest, 2);
                yield SplitSpec.size(fraction(text, a[0]), fraction(text, a[1]));
            }
            default -> throw bad(text, "unknown kind '" + kind + "'");
        };
    }

    private static String[] arguments(String text, String rest, int count) {
        String[] a = rest == null || rest.isEmpty() ? new String[0] : rest.split(",", -1);
        if (a.length != count) {
            throw bad(text, "it takes " + count + " comma-separated value" + (count == 1 ? "" : "s") + ", got "
                    + a.length);
        }
        return a;
    }

    private static double fraction(String text, String value) {
        try {
            return Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw bad(text, "'" + value + "' is not a number");
        }
    }

    private static long seed(String text, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw bad(text, "the seed '" + value + "' is not an integer");
        }
    }

    private static TypeConversionException bad(String text, String why) {
        return new TypeConversionException("bad split '" + text + "': " + why + "; expected " + FORMS);
    }
}
