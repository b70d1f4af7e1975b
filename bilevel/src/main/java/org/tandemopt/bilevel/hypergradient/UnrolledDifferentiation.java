package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;

/**
 * Unrolled reverse-mode differentiation (differentiable programming, "iterative differentiation"): the exact
 * gradient of the surrogate {@code F_K(x) = f(x, y_K(x))}, where {@code y_K(x)} is the result of {@code K}
 * inner steps from a starting state held fixed:
 * <pre>
 *   v_K = ∇_y f(x, y_K),  ḡ = ∇_x f(x, y_K);   for k = K−1, …, 0:  ḡ += B_kᵀ v_{k+1},  v_k = A_kᵀ v_{k+1};
 *   ∇̂φ(x) = ḡ = ∇_x f + Σ_k B_kᵀ A_{k+1}ᵀ ⋯ A_{K−1}ᵀ ∇_y f,
 * </pre>
 * with {@code A_k = ∂_s F(x, s_k)}, {@code B_k = ∂_x F(x, s_k)} (see {@link org.tandemopt.bilevel.inner.InnerMap}).
 *
 * <p><b>Bias.</b> Exact for {@code F_K}; as an estimate of {@code ∇φ} its error is {@code O(K q^K)} for an
 * inner map contracting at rate {@code q} (gradient descent: {@code q = 1 − μ/L}), so it converges to the
 * true hypergradient, but it may first <em>grow</em> when the derivatives of the iteration are transiently
 * amplified (REFERENCE-PROBLEMS.md B3 at {@code t = −6}). Ablin, Peyré, Moreau, "Super-efficiency of automatic
 * differentiation for functions defined as a minimum", ICML 2020; Bolte, Le, Pauwels, Vaiter, "Bilevel
 * gradient methods and Morse parametric qualification".
 *
 * <p><b>Memory.</b> {@link Checkpointing#storeAll()} (default) keeps {@code K} states of size {@code S} in one
 * preallocated tape; {@link Checkpointing#sqrt()} about {@code 2√K}; {@link Checkpointing#recursive(int)}
 * {@code O(log K)} plus a leaf. Cost: {@code K} steps forward and {@code K} vector-Jacobian products ({@code H_yy}
 * and mixed products) back, plus the recomputation of checkpointing. No allocation per step.
 *
 * <p>The adjoint norm is monitored: if {@code max_k ‖v_k‖ / ‖v_K‖} exceeds the blow-up factor (default
 * {@code 1e10}) or is not finite, the estimate is flagged {@link HypergradientStatus#DERIVATIVE_BLOW_UP}.
 */
public final class UnrolledDifferentiation implements HypergradientEstimator {

    /** The default blow-up factor of the adjoint-growth monitor. */
    public static final double DEFAULT_BLOW_UP_FACTOR = 1e10;

    private final Checkpointing memory;
    private final double blowUpFactor;

    private UnrolledDifferentiation(Checkpointing memory, double blowUpFactor) {
        this.memory = memory;
        this.blowUpFactor = blowUpFactor;
    }

    /** @return unrolling that stores every state, blow-up factor {@code 1e10}. */
    public static UnrolledDifferentiation storeAll() {
        return new UnrolledDifferentiation(Checkpointing.storeAll(), DEFAULT_BLOW_UP_FACTOR);
    }

    /** @return unrolling with the given memory strategy. */
    public static UnrolledDifferentiation with(Checkpointing memory) {
        return new UnrolledDifferentiation(Functions.requireNonNull("memory", memory), DEFAULT_BLOW_UP_FACTOR);
    }

    /** @return a copy whose adjoint-growth monitor fires beyond {@code factor > 1}. */
    public UnrolledDifferentiation withBlowUpFactor(double factor) {
        Functions.requirePositive("factor", factor);
        if (!(factor > 1)) {
            throw new IllegalArgumentException("factor = " + factor + ", expected a number > 1");
        }
        return new UnrolledDifferentiation(memory, factor);
    }

    public Checkpointing memory() { return memory; }
    public double blowUpFactor() { return blowUpFactor; }

    @Override
    public EstimatorSession open(BilevelProblem problem, InnerAlgorithm inner) {
        return new ReverseSession(problem, inner, Integer.MAX_VALUE, memory, blowUpFactor);
    }

    @Override
    public String describe() {
        return "UnrolledDifferentiation{memory=" + memory + ", blowUpFactor=" + blowUpFactor + "}";
    }

    @Override
    public String toString() {
        return describe();
    }
}
