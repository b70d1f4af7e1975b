package org.tandemopt.core.monitor;

import java.time.Duration;

import org.tandemopt.core.function.Functions;

/** The standard stopping criteria. Each is immutable, stateless and allocation-free when checked. */
public final class Criteria {

    private Criteria() {
    }

    /** Converged when {@code ‖∇‖ ≤ tolerance}. */
    public static StoppingCriterion gradientNorm(double tolerance) {
        Functions.requireNonNegative("tolerance", tolerance);
        return p -> p.gradientNorm() <= tolerance ? Termination.CONVERGED_GRADIENT : null;
    }

    /** Converged when {@code ‖∇_k‖ ≤ tolerance · ‖∇_0‖}. */
    public static StoppingCriterion relativeGradientNorm(double tolerance) {
        Functions.requireNonNegative("tolerance", tolerance);
        return p -> p.gradientNorm() <= tolerance * p.initialGradientNorm() ? Termination.CONVERGED_GRADIENT : null;
    }

    /**
     * Converged when {@code |v_j − v_{j−1}| ≤ tolerance · max(1, |v_j|)} for each of the last {@code patience}
     * iterations.
     *
     * @param patience consecutive iterations required, {@code 1 ≤ patience ≤ } the driver's history length (64)
     */
    public static StoppingCriterion valueChange(double tolerance, int patience) {
        Functions.requireNonNegative("tolerance", tolerance);
        Functions.requireAtLeast("patience", patience, 1);
        if (patience > Driver.HISTORY) {
            throw new IllegalArgumentException("patience = " + patience + ", expected at most " + Driver.HISTORY);
        }
        return p -> {
            if (p.iteration() < patience) {
                return null;
            }
            for (int lag = 0; lag < patience; lag++) {
                double now = p.value(lag);
                double before = p.value(lag + 1);
                if (!(Math.abs(now - before) <= tolerance * Math.max(1.0, Math.abs(now)))) {
                    return null;
                }
            }
            return Termination.CONVERGED_VALUE;
        };
    }

    /** Converged when {@code ‖x_k − x_{k−1}‖ ≤ tolerance · max(1, ‖x_k‖)} (from iteration 1 on). */
    public static StoppingCriterion stepNorm(double tolerance) {
        Functions.requireNonNegative("tolerance", tolerance);
        return p -> p.iteration() > 0 && p.stepNorm() <= tolerance * Math.max(1.0, p.pointNorm())
                ? Termination.CONVERGED_STEP : null;
    }

    /** A limit after {@code maxIterations} iterations. */
    public static StoppingCriterion maxIterations(int maxIterations) {
        Functions.requireAtLeast("maxIterations", maxIterations, 1);
        return p -> p.iteration() >= maxIterations ? Termination.MAX_ITERATIONS : null;
    }

    /** A limit after {@code maxEvaluations} evaluations of any kind. */
    public static StoppingCriterion maxEvaluations(long maxEvaluations) {
        Functions.requireAtLeast("maxEvaluations", maxEvaluations, 1L);
        return p -> p.totalEvaluations() >= maxEvaluations ? Termination.MAX_EVALUATIONS : null;
    }

    /** A limit once the run's wall time reaches {@code limit}. */
    public static StoppingCriterion timeLimit(Duration limit) {
        Functions.requireNonNull("limit", limit);
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("limit = " + limit + ", expected a positive duration");
        }
        long nanos = limit.toNanos();
        return p -> p.elapsedNanos() >= nanos ? Termination.TIME_LIMIT : null;
    }

    /** A failure when the value, the gradient norm or the point norm is NaN or infinite. */
    public static StoppingCriterion nonFinite() {
        return p -> Double.isFinite(p.value()) && Double.isFinite(p.gradientNorm())
                && !Double.isNaN(p.pointNorm()) && !Double.isInfinite(p.pointNorm())
                ? null : Termination.NON_FINITE;
    }

    /**
     * A failure when the iterate norm exceeds {@code bound} or the value exceeds {@code bound} in absolute
     * value: the iterates are diverging.
     */
    public static StoppingCriterion divergence(double bound) {
        Functions.requirePositive("bound", bound);
        return p -> p.pointNorm() > bound || Math.abs(p.value()) > bound ? Termination.DIVERGED : null;
    }

    /**
     * A failure when a propagated derivative grows beyond {@code factor} times its first finite norm
     * (at least 1). Choose the factor generously: a contracting iteration may amplify derivatives
     * transiently by several orders of magnitude before they decay.
     */
    public static StoppingCriterion derivativeGrowth(double factor) {
        Functions.requirePositive("factor", factor);
        return p -> {
            double d = p.derivativeNorm();
            if (Double.isNaN(d)) {
                return null;
            }
            double ref = Math.max(1.0, p.initialDerivativeNorm());
            return !(d <= factor * ref) ? Termination.DERIVATIVE_BLOW_UP : null;
        };
    }
}
