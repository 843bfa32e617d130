package lapis.spectral;

/**
 * An iterative solver stopped at its limit before every wanted pair passed its convergence test. Carries the
 * partial result (the best pairs found, with their residuals), so nothing is lost and nothing is silently wrong.
 */
public final class NotConvergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient EigenResult partial;

    public NotConvergedException(String message, EigenResult partial) {
        super(message);
        this.partial = partial;
    }

    /** The pairs computed when the solver stopped; {@code partial().converged()} is false. */
    public EigenResult partial() {
        return partial;
    }
}
