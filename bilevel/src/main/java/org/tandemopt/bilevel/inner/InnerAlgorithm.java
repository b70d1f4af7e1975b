package org.tandemopt.bilevel.inner;

import org.tandemopt.core.function.ParametricFunction;

/**
 * An inner (lower-level) solver seen as a map {@code s_{k+1} = F(x, s_k)} on an inner state {@code s} whose
 * first {@code m} entries are the lower variable {@code y} (heavy ball and Nesterov keep {@code (y, y_prev)}).
 * The hypergradient estimators differentiate through this map with the two Jacobians
 * {@code A = ∂_s F} and {@code B = ∂_x F}, which an {@link InnerMap} applies to vectors without forming them.
 *
 * <p>An {@code InnerAlgorithm} is immutable configuration (step sizes, momentum) and thread-safe;
 * {@link #bind(ParametricFunction)} creates the mutable, single-thread {@link InnerMap} that owns the work
 * buffers, so that every step and every Jacobian product is allocation-free.
 *
 * <p>Implementations: {@link GradientStep}, {@link HeavyBall}, {@link Nesterov}, {@link NewtonStep}.
 */
public interface InnerAlgorithm {

    /**
     * Creates the per-run map of this algorithm on the lower objective {@code g}.
     *
     * @param lower the lower objective {@code g(x, y)}; the Jacobian products need its second-order oracles
     * @return a fresh map with its own buffers and counters
     * @throws IllegalArgumentException if {@code lower} is null
     */
    InnerMap bind(ParametricFunction lower);

    /** @return a one-line description of the configuration (recorded with results). */
    String describe();
}
