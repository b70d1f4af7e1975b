package org.tandemopt.bilevel;

import org.tandemopt.core.function.Functions;

/**
 * How many inner steps an estimator runs before it differentiates: exactly {@code K} steps
 * ({@link #steps(int)}), or until the inner residual {@code ‖∇_y g(x, y_k)‖} is at most a tolerance, with at
 * least {@code minSteps} and at most {@code maxSteps} steps ({@link #untilResidual(double, int)}). Immutable.
 */
public final class InnerSchedule {

    private final int minSteps;
    private final int maxSteps;
    private final double tolerance;

    private InnerSchedule(int minSteps, int maxSteps, double tolerance) {
        this.minSteps = minSteps;
        this.maxSteps = maxSteps;
        this.tolerance = tolerance;
    }

    /** @return exactly {@code k ≥ 0} steps. */
    public static InnerSchedule steps(int k) {
        Functions.requireAtLeast("k", k, 0);
        return new InnerSchedule(k, k, 0);
    }

    /** @return steps until {@code ‖∇_y g‖ ≤ tolerance}, at most {@code maxSteps}. */
    public static InnerSchedule untilResidual(double tolerance, int maxSteps) {
        return untilResidual(tolerance, 0, maxSteps);
    }

    /** @return steps until {@code ‖∇_y g‖ ≤ tolerance}, at least {@code minSteps} and at most {@code maxSteps}. */
    public static InnerSchedule untilResidual(double tolerance, int minSteps, int maxSteps) {
        Functions.requireNonNegative("tolerance", tolerance);
        Functions.requireAtLeast("minSteps", minSteps, 0);
        Functions.requireAtLeast("maxSteps", maxSteps, minSteps);
        return new InnerSchedule(minSteps, maxSteps, tolerance);
    }

    public int minSteps() { return minSteps; }
    public int maxSteps() { return maxSteps; }
    /** @return the residual tolerance; 0 for a fixed number of steps. */
    public double tolerance() { return tolerance; }
    /** @return whether the number of steps is fixed. */
    public boolean isFixed() { return tolerance == 0 && minSteps == maxSteps; }

    @Override
    public String toString() {
        return isFixed() ? "InnerSchedule{steps=" + maxSteps + "}"
                : "InnerSchedule{tolerance=" + tolerance + ", steps=[" + minSteps + ", " + maxSteps + "]}";
    }
}
