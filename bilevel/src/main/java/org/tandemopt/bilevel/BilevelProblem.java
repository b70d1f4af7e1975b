package org.tandemopt.bilevel;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.optim.prox.Projection;

/**
 * A bilevel problem
 * <pre>
 *   min_{x ∈ C} φ(x) = f(x, y*(x)),     y*(x) = argmin_y g(x, y),
 * </pre>
 * with the upper objective {@code f} and the lower objective {@code g} given as {@link ParametricFunction}s of
 * the parameter {@code x ∈ R^n} and the variable {@code y ∈ R^m} (hand-coded or built by automatic
 * differentiation), an optional closed convex feasible set {@code C} for {@code x} given by its projection,
 * and the starting points {@code x_0}, {@code y_0}. The hypergradient formulas need the lower objective's
 * second-order oracles ({@code H_yy v}, {@code H_yx u}, {@code H_yxᵀ w}); the upper objective needs only
 * {@code ∇_x f} and {@code ∇_y f}.
 *
 * <p>Immutable; the start points are copied in and out. Validated at construction: both functions have the
 * same {@code n} and {@code m}, the start points have those lengths and are finite, the feasible set has
 * dimension {@code n} (or acts entrywise) and contains {@code x_0}.
 *
 * <pre>{@code
 * BilevelProblem p = BilevelProblem.builder(upper, lower).start(x0, y0).feasibleSet(box).build();
 * }</pre>
 */
public final class BilevelProblem {

    private final ParametricFunction upper;
    private final ParametricFunction lower;
    private final int n;
    private final int m;
    private final Projection feasibleSet;
    private final double[] x0;
    private final double[] y0;

    private BilevelProblem(Builder b) {
        this.upper = Functions.requireNonNull("upper", b.upper);
        this.lower = Functions.requireNonNull("lower", b.lower);
        this.n = lower.parameterDimension();
        this.m = lower.variableDimension();
        Functions.requireAtLeast("lower.parameterDimension()", n, 1);
        Functions.requireAtLeast("lower.variableDimension()", m, 1);
        if (upper.parameterDimension() != n) {
            throw new IllegalArgumentException("upper.parameterDimension() = " + upper.parameterDimension()
                    + ", expected " + n + " (lower.parameterDimension())");
        }
        if (upper.variableDimension() != m) {
            throw new IllegalArgumentException("upper.variableDimension() = " + upper.variableDimension()
                    + ", expected " + m + " (lower.variableDimension())");
        }
        if (b.x0 == null) {
            throw new IllegalArgumentException("x0 must not be null (call start(x0, y0); expected length " + n + ")");
        }
        this.x0 = Functions.requireFinite("x0", b.x0, n).clone();
        this.y0 = Functions.requireFinite("y0", b.y0, m).clone();
        this.feasibleSet = b.feasibleSet;
        if (feasibleSet != null) {
            int d = feasibleSet.dimension();
            if (d != -1 && d != n) {
                throw new IllegalArgumentException("feasibleSet.dimension() = " + d + ", expected " + n + " or -1");
            }
            if (!feasibleSet.contains(x0, 1e-12)) {
                throw new IllegalArgumentException("x0 = " + java.util.Arrays.toString(x0)
                        + " is not in the feasible set; expected a feasible start");
            }
        }
    }

    /** @return a builder for the problem with upper objective {@code f} and lower objective {@code g}. */
    public static Builder builder(ParametricFunction upper, ParametricFunction lower) {
        return new Builder(upper, lower);
    }

    /** @return the unconstrained problem with start {@code (x0, y0)}. */
    public static BilevelProblem of(ParametricFunction upper, ParametricFunction lower, double[] x0, double[] y0) {
        return builder(upper, lower).start(x0, y0).build();
    }

    /** @return the upper objective {@code f(x, y)}. */
    public ParametricFunction upper() { return upper; }
    /** @return the lower objective {@code g(x, y)}. */
    public ParametricFunction lower() { return lower; }
    /** @return {@code n = dim x}. */
    public int parameterDimension() { return n; }
    /** @return {@code m = dim y}. */
    public int variableDimension() { return m; }
    /** @return the projection onto the feasible set of {@code x}, or {@code null} when {@code x} is free. */
    public Projection feasibleSet() { return feasibleSet; }
    /** @return a copy of {@code x_0}. */
    public double[] initialX() { return x0.clone(); }
    /** @return a copy of {@code y_0}. */
    public double[] initialY() { return y0.clone(); }

    /** @return a copy of this problem started from {@code (x0, y0)}. */
    public BilevelProblem withStart(double[] x0, double[] y0) {
        return builder(upper, lower).feasibleSet(feasibleSet).start(x0, y0).build();
    }

    @Override
    public String toString() {
        return "BilevelProblem{n=" + n + ", m=" + m + (feasibleSet == null ? "" : ", constrained") + "}";
    }

    /** Builder; {@link #start} is required. */
    public static final class Builder {
        private final ParametricFunction upper;
        private final ParametricFunction lower;
        private Projection feasibleSet;
        private double[] x0;
        private double[] y0;

        private Builder(ParametricFunction upper, ParametricFunction lower) {
            this.upper = upper;
            this.lower = lower;
        }

        /** The starting points (copied at {@link #build}). */
        public Builder start(double[] x0, double[] y0) {
            this.x0 = x0;
            this.y0 = Functions.requireNonNull("y0", y0);
            return this;
        }

        /** The feasible set of {@code x} by its projection; {@code null} for none (the default). */
        public Builder feasibleSet(Projection c) {
            this.feasibleSet = c;
            return this;
        }

        /** @throws IllegalArgumentException naming the first inconsistent argument */
        public BilevelProblem build() {
            return new BilevelProblem(this);
        }
    }
}
