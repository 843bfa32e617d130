package lapis.nn;

/**
 * A NaN or infinity in a loss or a gradient, found by an optimiser before it touched any parameter. Carries the
 * 1-based step number, what was non-finite ("loss" or "gradient of 'name'") and the element.
 */
public final class NonFiniteException extends ArithmeticException {
    private final long step;
    private final String where;
    private final int element;
    private final double value;

    public NonFiniteException(long step, String where, int element, double value) {
        super("step " + step + ": " + where + (element >= 0 ? " element " + element : "") + " is " + value
                + "; no parameter was updated");
        this.step = step;
        this.where = where;
        this.element = element;
        this.value = value;
    }

    /** The step that was refused, counting from 1. */
    public long step() {
        return step;
    }

    /** "loss" or "gradient of 'parameter name'". */
    public String where() {
        return where;
    }

    /** The first bad element of the gradient, -1 for the loss. */
    public int element() {
        return element;
    }

    public double value() {
        return value;
    }
}
