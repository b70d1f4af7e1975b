package org.tandemopt.core.monitor;

/**
 * A read-only view of a run's progress after an iteration, as stopping criteria see it. The driver owns the
 * one instance of a run and updates it in place, so checking criteria allocates nothing. Quantities an
 * algorithm does not compute are {@code NaN}.
 */
public interface Progress {

    /** @return completed iterations (0 before the first step). */
    int iteration();

    /** @return the objective at the current iterate (for min-max, the saddle value; for bilevel, φ). */
    double value();

    /**
     * @param lag how many iterations back, {@code 0 ≤ lag ≤ } {@link #historyLength()}
     * @return the value {@code lag} iterations ago, {@code NaN} when the run is not that old
     */
    double value(int lag);

    /** @return how many past values {@link #value(int)} can return (a fixed ring size). */
    int historyLength();

    /** @return the stationarity measure: gradient, hypergradient or saddle-gradient norm. */
    double gradientNorm();

    /** @return {@link #gradientNorm()} at iteration 0. */
    double initialGradientNorm();

    /** @return {@code ‖x_k − x_{k−1}‖}, NaN at iteration 0. */
    double stepNorm();

    /** @return the step size (learning rate) used by the last iteration, NaN if none. */
    double stepSize();

    /** @return {@code ‖x_k‖}. */
    double pointNorm();

    /** @return the norm of a derivative propagated through the iterations, NaN if none is propagated. */
    double derivativeNorm();

    /** @return {@link #derivativeNorm()} at iteration 0 (or the first finite one). */
    double initialDerivativeNorm();

    /** @return function value evaluations so far. */
    long valueEvaluations();

    /** @return gradient evaluations so far (a fused value-and-gradient counts as one gradient). */
    long gradientEvaluations();

    /** @return Hessian-vector and mixed second-order products so far. */
    long secondOrderEvaluations();

    /** @return the sum of the three evaluation counters. */
    default long totalEvaluations() {
        return valueEvaluations() + gradientEvaluations() + secondOrderEvaluations();
    }

    /** @return wall time since the run started, in nanoseconds (accumulated across resumes). */
    long elapsedNanos();
}
