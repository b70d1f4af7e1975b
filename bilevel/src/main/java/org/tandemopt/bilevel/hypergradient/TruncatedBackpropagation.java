package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;

/**
 * Truncated backpropagation: reverse mode through the last {@code w} inner steps only,
 * <pre>
 *   ∇̂φ(x) = ∇_x f(x, y_K) + Σ_{k=K−w}^{K−1} B_kᵀ A_{k+1}ᵀ ⋯ A_{K−1}ᵀ ∇_y f(x, y_K).
 * </pre>
 * Shaban, Cheng, Hatch, Boots, "Truncated back-propagation for bilevel optimization", AISTATS 2019.
 *
 * <p><b>Bias.</b> At the fixed point {@code y*} of a map contracting at rate {@code q} the dropped tail is
 * {@code Σ_{k≥w} B A^k}, so the relative bias is about {@code q^w}: for gradient descent
 * ({@code A = I − ηH_yy}, {@code B = −ηH_yx}) the estimate is
 * {@code ∇_x f − H_yxᵀ (I − (I − ηH_yy)^w) H_yy⁻¹ ∇_y f}. {@code w = 1} is {@link OneStepDifferentiation}.
 *
 * <p><b>Memory.</b> A ring of {@code w} states ({@code w·S} doubles), independent of {@code K}. Cost:
 * {@code K} steps forward and {@code w} vector-Jacobian products back.
 */
public final class TruncatedBackpropagation implements HypergradientEstimator {

    private final int window;
    private final double blowUpFactor;

    private TruncatedBackpropagation(int window, double blowUpFactor) {
        this.window = window;
        this.blowUpFactor = blowUpFactor;
    }

    /** @return backpropagation through the last {@code window ≥ 1} steps. */
    public static TruncatedBackpropagation lastSteps(int window) {
        return new TruncatedBackpropagation(Functions.requireAtLeast("window", window, 1),
                UnrolledDifferentiation.DEFAULT_BLOW_UP_FACTOR);
    }

    /** @return the number of steps differentiated. */
    public int window() {
        return window;
    }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new ReverseSession(problem, inner, window, Checkpointing.storeAll(), blowUpFactor);
    }

    @Override
    public String describe() {
        return "TruncatedBackpropagation{window=" + window + "}";
    }

    @Override
    public String toString() {
        return describe();
    }
}
