package org.tandemopt.bilevel;

import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * The single-step multi-step method (SSMS): per outer iteration, {@code N} inner steps warm-started from the
 * previous inner state, then one projected outer step along any hypergradient estimate:
 * <pre>
 *   s_k^{(0)} = s_{k−1}^{(N)},   s_k^{(j+1)} = F(x_k, s_k^{(j)}),  j &lt; N;
 *   x_{k+1} = Π_C(x_k − t_k ∇̂φ(x_k)),     ∇̂φ from the chosen estimator at y_k^{(N)}.
 * </pre>
 * J. Bolte, Q.-T. Le, E. Pauwels, S. Vaiter, "Bilevel gradient methods and Morse parametric qualification"
 * (SSMS converges to critical points of {@code φ} under a Morse-type qualification of the lower level, with a
 * fixed small number of warm-started inner steps). {@code N} is fixed, or adaptive: inner steps continue until
 * {@code ‖∇_y g‖ ≤ max(ε, c ‖∇̂φ(x_{k−1})‖)}, between a minimum and a maximum number, so the inner accuracy
 * tracks the outer progress.
 *
 * <p>When to use: the default bilevel method — cheap iterations, any estimator. Two cautions, both measured
 * on REFERENCE-PROBLEMS.md B3:
 * <ul>
 *   <li>the estimator's bias at the fixed point becomes the method's bias. Unrolling (or truncating) through
 *       the {@code N} warm-started steps with the earlier state held constant is a truncated Neumann series:
 *       SSMS then converges to a zero of that truncated estimate ({@code t = −6.7664} on B3 with {@code N = 10}
 *       instead of {@code t* = −6.18436}). Unbiased at the fixed point: implicit differentiation and
 *       warm-started forward mode ({@link ForwardDifferentiation#withWarmStart(boolean)}, the default);</li>
 *   <li>a line search compares values {@code f(x_t, y_N(x_t))} of {@code N} warm-started inner steps, whose
 *       error is first order in the inner residual while the decrease it must detect is second order in
 *       {@code ‖∇̂φ‖}: near the solution it fails ({@code LINE_SEARCH_FAILED}) unless the inner residual is far
 *       below {@code ‖∇̂φ‖²}. A constant step ({@code ConstantStep}, the classical SSMS) or a decaying schedule
 *       avoids this.</li>
 * </ul>
 * The step rule searches the projected arc {@code t ↦ Π_C(x − t∇̂φ)}.
 *
 * <p>Defaults: inner {@link GradientStep#lipschitzEstimate()}, {@code N = 10}, estimator
 * {@code ForwardDifferentiation.create().withWarmStart(true)} (the piggyback Jacobian carried along with the
 * inner state; {@code n} Jacobian-vector products per inner step — prefer implicit differentiation with
 * conjugate gradient when {@code n} is large), step rule {@link ArmijoBacktracking#defaults()}.
 *
 * <pre>{@code
 * BilevelResult r = SingleStepMultiStep.builder().innerSteps(20)
 *         .estimator(ImplicitDifferentiation.with(solver)).build().solve(problem);
 * }</pre>
 */
public final class SingleStepMultiStep implements BilevelSolver {

    private final OuterLoop loop;

    private SingleStepMultiStep(Builder b) {
        this.loop = new OuterLoop("SingleStepMultiStep", b.inner, b.estimator, b.stepRule,
                new OuterLoop.Schedule(b.minSteps, b.maxSteps, b.tolerance, b.factor), true);
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return SSMS with every default. */
    public static SingleStepMultiStep defaults() {
        return builder().build();
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
        private HypergradientEstimator estimator = ForwardDifferentiation.create().withWarmStart(true);
        private StepRule stepRule = ArmijoBacktracking.defaults();
        private int minSteps = 10;
        private int maxSteps = 10;
        private double tolerance = 0;
        private double factor = Double.NaN;

        private Builder() {
        }

        /** The inner algorithm (default {@code GradientStep.lipschitzEstimate()}). */
        public Builder inner(InnerAlgorithm a) {
            this.inner = Functions.requireNonNull("inner", a);
            return this;
        }

        /** The hypergradient estimator (default warm-started forward mode). */
        public Builder estimator(HypergradientEstimator e) {
            this.estimator = Functions.requireNonNull("estimator", e);
            return this;
        }

        /** The outer step rule (default Armijo backtracking with expansion). */
        public Builder stepRule(StepRule r) {
            this.stepRule = Functions.requireNonNull("stepRule", r);
            return this;
        }

        /** A fixed number {@code N ≥ 1} of warm-started inner steps per outer iteration (default 10). */
        public Builder innerSteps(int n) {
            Functions.requireAtLeast("innerSteps", n, 1);
            this.minSteps = n;
            this.maxSteps = n;
            this.tolerance = 0;
            this.factor = Double.NaN;
            return this;
        }

        /**
         * Adaptive inner steps: until {@code ‖∇_y g‖ ≤ max(floor, factor · ‖∇̂φ(x_{k−1})‖)}, at least
         * {@code minSteps ≥ 1}, at most {@code maxSteps}.
         */
        public Builder adaptiveInnerSteps(double factor, double floor, int minSteps, int maxSteps) {
            Functions.requirePositive("factor", factor);
            Functions.requireNonNegative("floor", floor);
            Functions.requireAtLeast("minSteps", minSteps, 1);
            Functions.requireAtLeast("maxSteps", maxSteps, minSteps);
            this.factor = factor;
            this.tolerance = floor;
            this.minSteps = minSteps;
            this.maxSteps = maxSteps;
            return this;
        }

        public SingleStepMultiStep build() {
            return new SingleStepMultiStep(this);
        }
    }
}
