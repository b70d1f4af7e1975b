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
 * {@link #dimension()} {@code = −1}). Immutable, thread-safe and allocation-free; the bound arrays are copied.
 *
 * <p>The Jacobian of the projection is diagonal; {@link #jacobianDiagonal} selects 1 where
 * {@code l_i < v_i < h_i} and 0 elsewhere, including exactly at a bound (the element of the Clarke Jacobian
 * that treats an active bound as binding).
 */
public final class BoxProjection implements Projection {

    private final double[] lower;
    private final double[] upper;
    private final double lowerAll;
    private final double upperAll;

    private BoxProjection(double[] lower, double[] upper, double lowerAll, double upperAll) {
        this.lower = lower;
        this.upper = upper;
        this.lowerAll = lowerAll;
        this.upperAll = upperAll;
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
        return new BoxProjection(lower.clone(), upper.clone(), Double.NaN, Double.NaN);
    }

    /**
     * The box {@code [lower, upper]^d} for any dimension {@code d}.
     *
     * @throws IllegalArgumentException if a bound is NaN, {@code lower = +∞}, {@code upper = −∞} or
     *                                  {@code lower > upper}
     */
    public static BoxProjection uniform(double lower, double upper) {
        checkPair("lower", lower, "upper", upper);
        return new BoxProjection(null, null, lower, upper);
    }

    /** @return the nonnegative orthant {@code u ≥ 0} in any dimension. */
    public static BoxProjection nonNegative() {
        return uniform(0, Double.POSITIVE_INFINITY);
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
    public boolean jacobianDiagonal(double[] v, double t, double[] out) {
        checkLength(v, out);
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > lower(i) && v[i] < upper(i) ? 1.0 : 0.0;
        }
        return true;
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
