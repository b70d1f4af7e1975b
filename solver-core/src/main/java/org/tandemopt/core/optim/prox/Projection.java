package org.tandemopt.core.optim.prox;

/**
 * The Euclidean projection onto a closed convex set {@code C}: the proximal operator of the indicator of
 * {@code C} (whose value is 0 on {@code C} and {@code +∞} outside). Feasible sets of the bilevel and min-max
 * problems are given as projections.
 */
public interface Projection extends ProximalOperator {

    /** Computes {@code Π_C(v)} into {@code out} ({@code out} may alias {@code v}). */
    void project(double[] v, double[] out);

    /** @return whether {@code u ∈ C} up to {@code tolerance} in each constraint. */
    boolean contains(double[] u, double tolerance);

    @Override
    default void prox(double[] v, double t, double[] out) {
        project(v, out);
    }

    @Override
    default double value(double[] u) {
        return contains(u, 1e-12) ? 0.0 : Double.POSITIVE_INFINITY;
    }
}
