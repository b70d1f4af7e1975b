package org.tandemopt.core.optim.prox;

import java.util.Arrays;

import org.tandemopt.core.function.Functions;

/**
 * The Euclidean projection onto the box {@code C = {u : l ≤ u ≤ h}}, entrywise
 * {@code Π_C(v)_i = min(h_i, max(l_i, v_i))}. Bounds may be infinite ({@code l_i = −∞} or {@code h_i = +∞}
 * leaves that side open), and {@code l_i = h_i} fixes a coordinate.
 *
 * <p>Two shapes: {@link #of(double[], double[])} with per-coordinate bounds (fixed dimension) and
 * {@link #uniform(double, double)} with the same bounds for every coordinate (any dimension,
 * {@link #dimension()} {@code = −1}; for {@code u ≥ 0} alone {@link NonNegative} is the dedicated operator). Immutable, thread-safe and allocation-free; the bound arrays are copied.
 *
 * <p><b>Jacobian.</b> Diagonal: 1 where {@code l_i < v_i < h_i}, 0 where {@code v_i < l_i} or
 * {@code v_i > h_i}; exactly at a bound ({@code v_i = l_i < h_i} or {@code v_i = h_i > l_i}) the Clarke
 * Jacobian is {@code [0, 1]} and {@link #jacobianDiagonal} / {@link #jacobianVector} select
 * {@link #kinkDerivative()}, 0 by default (an active bound treated as binding), configurable with
 * {@link #withKinkDerivative(double)}; a fixed coordinate {@code l_i = h_i} has derivative 0.
 */
public final class BoxProjection implements Projection {

    private final double[] lower;
    private final double[] upper;
    private final double lowerAll;
    private final double upperAll;
    private final double kinkDerivative;

    private BoxProjection(double[] lower, double[] upper, double lowerAll, double upperAll, double kink) {
        this.lower = lower;
        this.upper = upper;
        this.lowerAll = lowerAll;
        this.upperAll = upperAll;
        this.kinkDerivative = kink;
    }

    /**
     * @param s the derivative selected exactly at a bound, in {@code [0, 1]} (default 0)
     * @return a copy with that selection
     */
    public BoxProjection withKinkDerivative(double s) {
        return new BoxProjection(lower, upper, lowerAll, upperAll, ProxChecks.kink(s));
    }

    /** @return the derivative selected exactly at a bound. */
    public double kinkDerivative() {
        return kinkDerivative;
    }

    /**
     * The box {@code [lower_i, upper_i]} per coordinate.
     *
     * @throws IllegalArgumentException if an array is null, the lengths differ or are 0, a bound is NaN,
     *                                  {@code lower[i] = +∞}, {@code upper[i] = −∞} or {@code lower[i] > upper[i]}
     */
    public static BoxProjection of(double[] lower, double[] upper) {
        Functions.requireNonNull("lower", lower);
        Functions.requireLength("upper", upper, lower.length);
        if (lower.length == 0) {
            throw new IllegalArgumentException("lower has length 0, expected at least 1");
        }
        for (int i = 0; i < lower.length; i++) {
            checkPair("lower[" + i + "]", lower[i], "upper[" + i + "]", upper[i]);
        }
        return new BoxProjection(lower.clone(), upper.clone(), Double.NaN, Double.NaN, 0.0);
    }

    /**
     * The box {@code [lower, upper]^d} for any dimension {@code d}.
     *
     * @throws IllegalArgumentException if a bound is NaN, {@code lower = +∞}, {@code upper = −∞} or
     *                                  {@code lower > upper}
     */
    public static BoxProjection uniform(double lower, double upper) {
        checkPair("lower", lower, "upper", upper);
        return new BoxProjection(null, null, lower, upper, 0.0);
    }

    private static void checkPair(String lowerName, double lo, String upperName, double hi) {
        if (Double.isNaN(lo) || lo == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(lowerName + " = " + lo + ", expected a number < +Infinity");
        }
        if (Double.isNaN(hi) || hi == Double.NEGATIVE_INFINITY) {
            throw new IllegalArgumentException(upperName + " = " + hi + ", expected a number > -Infinity");
        }
        if (lo > hi) {
            throw new IllegalArgumentException(lowerName + " = " + lo + " exceeds " + upperName + " = " + hi
                    + ", expected lower <= upper");
        }
    }

    @Override
    public int dimension() {
        return lower == null ? -1 : lower.length;
    }

    /** @return the lower bound of coordinate {@code i}. */
    public double lower(int i) {
        return lower == null ? lowerAll : lower[i];
    }

    /** @return the upper bound of coordinate {@code i}. */
    public double upper(int i) {
        return upper == null ? upperAll : upper[i];
    }

    @Override
    public void project(double[] v, double[] out) {
        checkLength(v, out);
        if (lower == null) {
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.min(upperAll, Math.max(lowerAll, v[i]));
            }
        } else {
            for (int i = 0; i < v.length; i++) {
                out[i] = Math.min(upper[i], Math.max(lower[i], v[i]));
            }
        }
    }

    @Override
    public boolean contains(double[] u, double tolerance) {
        checkLength(u, u);
        for (int i = 0; i < u.length; i++) {
            if (!(u[i] >= lower(i) - tolerance && u[i] <= upper(i) + tolerance)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        project(v, out);
    }

    @Override
    public boolean jacobianDiagonal(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        checkLength(v, out);
        for (int i = 0; i < v.length; i++) {
            out[i] = derivative(i, v[i]);
        }
        return true;
    }

    @Override
    public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        ProxChecks.step(t);
        checkLength(v, out);
        ProxChecks.point("w", w, v.length);
        for (int i = 0; i < v.length; i++) {
            out[i] = derivative(i, v[i]) * w[i];
        }
        return true;
    }

    private double derivative(int i, double vi) {
        double lo = lower(i);
        double hi = upper(i);
        if (vi > lo && vi < hi) {
            return 1.0;
        }
        if (lo == hi || vi < lo || vi > hi) {
            return 0.0;
        }
        return vi == lo || vi == hi ? kinkDerivative : Double.NaN;
    }

    private void checkLength(double[] v, double[] out) {
        if (lower != null) {
            Functions.requireLength("v", v, lower.length);
        } else {
            Functions.requireNonNull("v", v);
        }
        Functions.requireLength("out", out, v.length);
    }

    @Override
    public String toString() {
        return lower == null ? "BoxProjection{[" + lowerAll + ", " + upperAll + "]^d}"
                : "BoxProjection{lower=" + Arrays.toString(lower) + ", upper=" + Arrays.toString(upper) + "}";
    }
}
