package org.tandemopt.bilevel;

import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * Differentiable programming (DP): minimise the unrolled surrogate
 * <pre>
 *   F_N(x) = f(x, y_N(x)),   y_0 fixed (never warm-started),   y_{k+1} = F(x, y_k),
 * </pre>
 * by projected gradient descent with its exact gradient (reverse mode through the {@code N} steps, or
 * forward mode) and a line search on {@code F_N} itself: {@code x_{k+1} = Π_C(x_k − t_k ∇F_N(x_k))}.
 * Maclaurin, Duvenaud, Adams, "Gradient-based hyperparameter optimization through reversible learning",
 * ICML 2015; Franceschi et al., "Forward and reverse gradient-based hyperparameter optimization", ICML 2017;
 * J. Bolte, Q.-T. Le, E. Pauwels, S. Vaiter, "Bilevel gradient methods and Morse parametric qualification"
 * (the surrogate's critical points approach those of {@code φ} as {@code N} grows).
 *
 * <p>When to use: when the inner solver is itself the object of interest (a fixed training budget), or as the
 * reference against SSMS. Each iteration costs {@code N} inner steps and {@code N} vector-Jacobian products;
 * with {@link Checkpointing#sqrt()} or {@link Checkpointing#recursive(int)} the memory stays {@code O(√N)}
 * or {@code O(log N)}.
 *
 * <p>Defaults: inner {@link GradientStep#lipschitzEstimate()}, {@code N = 100}, reverse mode storing every
 * state, step rule {@link ArmijoBacktracking#defaults()}.
 */
public final class DifferentiableProgramming implements BilevelSolver {

    private final OuterLoop loop;

    private DifferentiableProgramming(Builder b) {
        this.loop = new OuterLoop("DifferentiableProgramming", b.inner, b.estimator, b.stepRule,
                new OuterLoop.Schedule(b.steps, b.steps, 0, Double.NaN), false);
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public BilevelResult solve(BilevelProblem problem, SolveOptions options) {
        return loop.solve(problem, options);
    }

    @Override
    public BilevelResult resume(BilevelProblem problem, org.tandemopt.core.monitor.Checkpoint checkpoint,
                                SolveOptions options) {
        return loop.resume(problem, checkpoint, options);
    }

    @Override
    public String describe() {
        return loop.describe();
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Validated builder. */
    public static final class Builder {
        private InnerAlgorithm inner = GradientStep.lipschitzEstimate();
        private HypergradientEstimator estimator = UnrolledDifferentiation.storeAll();
        private StepRule stepRule = ArmijoBacktracking.defaults();
        private int steps = 100;

        private Builder() {
        }

        /** The inner algorithm (default {@code GradientStep.lipschitzEstimate()}). */
        public Builder inner(InnerAlgorithm a) {
            this.inner = Functions.requireNonNull("inner", a);
            return this;
        }

        /** The number {@code N ≥ 1} of unrolled inner steps from {@code y_0} (default 100). */
        public Builder innerSteps(int n) {
            this.steps = Functions.requireAtLeast("innerSteps", n, 1);
            return this;
        }

        /** Reverse mode with this memory strategy (default store all). */
        public Builder memory(Checkpointing c) {
            this.estimator = UnrolledDifferentiation.with(Functions.requireNonNull("memory", c));
            return this;
        }

        /** Forward mode (piggyback) instead of reverse mode: the same gradient, memory independent of N. */
        public Builder forwardMode() {
            this.estimator = ForwardDifferentiation.create();
            return this;
        }

        /** The outer step rule (default Armijo backtracking with expansion). */
        public Builder stepRule(StepRule r) {
            this.stepRule = Functions.requireNonNull("stepRule", r);
            return this;
        }

        public DifferentiableProgramming build() {
            return new DifferentiableProgramming(this);
        }
    }
}
