package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;

/**
 * One-step (Jacobian-free) differentiation: run the inner steps without recording, then differentiate only
 * the last one, treating {@code s_{K−1}} as independent of {@code x}:
 * <pre>
 *   ∇̂φ(x) = ∇_x f(x, y_K) + B_{K−1}ᵀ ∇_y f(x, y_K),     B_{K−1} = ∂_x F(x, s_{K−1}).
 * </pre>
 * J. Bolte, E. Pauwels, S. Vaiter, "One-step differentiation of iterative algorithms", NeurIPS 2023.
 *
 * <p><b>Bias.</b> Its relative error is governed by {@code ‖A‖} at the solution (the part of the derivative
 * carried by earlier steps is dropped). For superlinear methods {@code A = 0} at {@code y*}: with
 * {@link org.tandemopt.bilevel.inner.NewtonStep} the estimate is <em>exact in the limit</em> (its error falls
 * with {@code ‖y_{K−1} − y*‖}, quadratically along Newton's iterates; REFERENCE-PROBLEMS.md B4). For gradient
 * descent with step {@code η} it is biased by a factor tied to the contraction: it returns
 * {@code ∇_x f − η H_yxᵀ ∇_y f} instead of {@code ∇_x f − H_yxᵀ H_yy⁻¹ ∇_y f}, i.e. the implicit term is
 * multiplied by {@code ηH_yy = I − A} instead of inverted. On the scalar problem B2 it tends to {@code ηa}
 * times the truth (0.05 for 0.25), and more inner steps do not help.
 *
 * <p><b>Memory.</b> One stored state. Cost: {@code K} steps and one vector-Jacobian product.
 */
public final class OneStepDifferentiation implements HypergradientEstimator {

    private static final OneStepDifferentiation INSTANCE = new OneStepDifferentiation();

    private OneStepDifferentiation() {
    }

    /** @return the estimator (it has no configuration). */
    public static OneStepDifferentiation create() {
        return INSTANCE;
    }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new ReverseSession(problem, inner, 1, Checkpointing.storeAll(),
                UnrolledDifferentiation.DEFAULT_BLOW_UP_FACTOR);
    }

    @Override
    public String describe() {
        return "OneStepDifferentiation";
    }

    @Override
    public String toString() {
        return describe();
    }
}
