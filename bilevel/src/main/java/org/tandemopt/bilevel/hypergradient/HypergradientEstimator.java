package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.inner.InnerAlgorithm;

/**
 * A strategy that turns a point {@code x}, an inner algorithm and an inner starting state into an estimate
 * of {@code ∇φ(x)}: it runs the inner algorithm as scheduled ({@link InnerSchedule}) and differentiates,
 * each implementation in its own way. All implementations are interchangeable in the bilevel solvers.
 *
 * <p>An estimator is immutable configuration and thread-safe. {@link #open} creates an
 * {@link EstimatorSession} that owns the buffers (tapes, adjoints, the warm-started linear-solve solution)
 * and is reused across outer iterations, so that estimates allocate nothing per inner step.
 *
 * <p>Implementations: {@link ImplicitDifferentiation}, {@link UnrolledDifferentiation},
 * {@link ForwardDifferentiation}, {@link TruncatedBackpropagation}, {@link OneStepDifferentiation},
 * {@link FiniteDifferenceHypergradient}, and for nonsmooth lower levels {@link NonsmoothImplicitDifferentiation}.
 */
public interface HypergradientEstimator {

    /**
     * Opens a session for {@code problem} with the inner algorithm {@code inner}.
     *
     * @throws IllegalArgumentException if an argument is null or the lower objective lacks second-order oracles
     */
    EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner);

    /** @return a one-line description of the configuration. */
    String describe();

    /**
     * Convenience: opens a session and estimates once from the inner state that starts at {@code y0}.
     */
    default Hypergradient estimate(BilevelProblem problem, InnerAlgorithm inner, double[] x, double[] y0,
                                   InnerSchedule schedule) {
        EstimatorSession s = open(problem, inner);
        return s.estimate(x, s.initialState(y0), schedule);
    }
}
