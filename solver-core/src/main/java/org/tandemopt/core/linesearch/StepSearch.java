package org.tandemopt.core.linesearch;

/**
 * The mutable, per-run side of a {@link StepRule}. Owned by one algorithm state; not thread-safe.
 */
public interface StepSearch {

    /**
     * Finds a step along the line.
     *
     * @param line     {@code φ(t) = J(x + t d)}
     * @param value0   {@code φ(0) = J(x)}
     * @param slope0   {@code φ'(0) = ∇J(x)ᵀd}, negative for a descent direction
     * @param x        the current point (read only; for rules that remember points)
     * @param gradient the gradient at {@code x} (read only; for rules that remember gradients)
     * @return the accepted step {@code t > 0}, or {@code NaN} when no acceptable step was found within the
     *         rule's trial budget (the caller ends with {@code LINE_SEARCH_FAILED})
     */
    double search(LineFunction line, double value0, double slope0, double[] x, double[] gradient);

    /** @return the number of line evaluations made by the last {@link #search}. */
    int lastEvaluations();

    /**
     * @return the rule's memory as numbers (for checkpoints): restoring it with {@link #restore} makes the
     *         next search behave exactly as this one's successor would
     */
    double[] memory();

    /** Restores memory produced by {@link #memory()} of a search of the same rule and dimension. */
    void restore(double[] memory);
}
