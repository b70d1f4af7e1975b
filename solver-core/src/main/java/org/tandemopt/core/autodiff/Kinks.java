package org.tandemopt.core.autodiff;

import org.tandemopt.core.function.Functions;

/**
 * Which element of the Clarke subdifferential the nonsmooth primitives return at their kinks.
 *
 * <p>Automatic differentiation of a program with {@code relu}, {@code abs}, {@code max} or a soft-threshold
 * does not compute a gradient at a kink but an element of a <em>conservative field</em> (Bolte &amp; Pauwels,
 * "Conservative set valued fields, automatic differentiation, stochastic gradient methods and deep learning",
 * Math. Programming 188, 2021). Any fixed selection in the subdifferential of each primitive gives a valid
 * conservative field, and the selection matters in practice: Bertoin, Bolte, Gerchinovitz and Pauwels
 * ("Numerical influence of ReLU'(0) on backpropagation", NeurIPS 2021) show that {@code relu'(0) = 0} and
 * {@code relu'(0) = 1} train measurably differently in low precision. So the choice is explicit here:
 *
 * <table class="striped">
 * <caption>kink conventions</caption>
 * <tr><th>primitive</th><th>kink</th><th>derivative there</th><th>allowed</th><th>default</th></tr>
 * <tr><td>{@code relu(a) = max(a, 0)}</td><td>{@code a = 0}</td><td>{@code s = reluAtZero}</td><td>[0, 1]</td><td>0</td></tr>
 * <tr><td>{@code abs(a)}</td><td>{@code a = 0}</td><td>{@code t = absAtZero}</td><td>[−1, 1]</td><td>0</td></tr>
 * <tr><td>{@code max(a, b) = b + relu(a − b)}</td><td>{@code a = b}</td><td>{@code ∂_a = s, ∂_b = 1 − s}</td><td></td><td></td></tr>
 * <tr><td>{@code min(a, b) = a − relu(a − b)}</td><td>{@code a = b}</td><td>{@code ∂_a = 1 − s, ∂_b = s}</td><td></td><td></td></tr>
 * <tr><td>{@code softThreshold(a, λ) = relu(a − λ) − relu(−a − λ)}, {@code λ > 0}</td><td>{@code |a| = λ}</td><td>{@code s}</td><td></td><td></td></tr>
 * </table>
 *
 * <p>Second derivatives of these primitives are zero everywhere (they are piecewise linear), so a
 * Hessian-vector product through them is the conservative second-order object of the smooth pieces.
 * A soft-threshold with {@code λ = 0} is the identity and has derivative 1 everywhere.
 *
 * <p>Instances are immutable; {@link #DEFAULT} is {@code relu'(0) = 0}, {@code abs'(0) = 0}.
 */
public final class Kinks {

    /** {@code relu'(0) = 0}, {@code abs'(0) = 0}: the convention of most deep-learning libraries. */
    public static final Kinks DEFAULT = new Kinks(0.0, 0.0);

    private final double reluAtZero;
    private final double absAtZero;

    private Kinks(double reluAtZero, double absAtZero) {
        this.reluAtZero = reluAtZero;
        this.absAtZero = absAtZero;
    }

    /**
     * @param reluAtZero the value of {@code relu'(0)}, in {@code [0, 1]}
     * @param absAtZero  the value of {@code abs'(0)}, in {@code [−1, 1]}
     * @throws IllegalArgumentException if a value lies outside the subdifferential at the kink
     */
    public static Kinks of(double reluAtZero, double absAtZero) {
        Functions.requireInRange("reluAtZero", reluAtZero, 0.0, 1.0);
        Functions.requireInRange("absAtZero", absAtZero, -1.0, 1.0);
        return new Kinks(reluAtZero, absAtZero);
    }

    /** @return a copy with {@code relu'(0) = s}, {@code s ∈ [0, 1]}. */
    public Kinks withReluAtZero(double s) {
        return of(s, absAtZero);
    }

    /** @return a copy with {@code abs'(0) = t}, {@code t ∈ [−1, 1]}. */
    public Kinks withAbsAtZero(double t) {
        return of(reluAtZero, t);
    }

    /** @return {@code relu'(0)}; also the tie-breaking weight of {@code max}, {@code min} and the soft-threshold. */
    public double reluAtZero() {
        return reluAtZero;
    }

    /** @return {@code abs'(0)}. */
    public double absAtZero() {
        return absAtZero;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kinks k && Double.compare(k.reluAtZero, reluAtZero) == 0
                && Double.compare(k.absAtZero, absAtZero) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(reluAtZero) * 31 + Double.hashCode(absAtZero);
    }

    @Override
    public String toString() {
        return "Kinks[relu'(0) = " + reluAtZero + ", abs'(0) = " + absAtZero + "]";
    }
}
