package org.tandemopt.bilevel;

import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * The approximate implicit gradient method (AID): per outer iteration, solve the lower level to a tolerance
 * (warm-started), then take a projected step along the implicit hypergradient:
 * <pre>
 *   y_k: ‖∇_y g(x_k, y_k)‖ ≤ ε (at most K_max steps from y_{k−1});
 *   H_yy v_k = ∇_y f (warm-started from v_{k−1});   x_{k+1} = Π_C(x_k − t_k (∇_x f − H_yxᵀ v_k)).
 * </pre>
 * F. Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016; S. Ghadimi, M. Wang,
 * "Approximation methods for bilevel programming", 2018; K. Ji, J. Yang, Y. Liang, "Bilevel optimization:
 * convergence analysis and enhanced design", ICML 2021.
 *
 * <p>When to use: a strongly convex lower level that is cheap to solve accurately; with a tight tolerance it
 * reaches {@code ‖∇φ‖} at the level of the tolerance. Defaults: linear solver {@link LinearSolvers#cg()} (conjugate
 * gradient, relative residual {@code 1e-10}; pass another to {@link #builder(LinearSolver)}, e.g. MINRES when
 * {@code H_yy} may be indefinite), inner {@link GradientStep#lipschitzEstimate()}, tolerance
 * {@code 1e-10}, at most 10 000 inner steps per iteration, step rule {@link ArmijoBacktracking#defaults()}.
 */
public final class ApproximateImplicitGradient implements BilevelSolver {

    private final OuterLoop loop;

    private ApproximateImplicitGradient(Builder b) {
        this.loop = new OuterLoop("ApproximateImplicitGradient", b.inner,
                b.estimator != null ? b.estimator : ImplicitDifferentiation.with(b.solver),
                b.stepRule, new OuterLoop.Schedule(0, b.maxSteps, b.tolerance, Double.NaN), true);
    }

    /** @return a builder with every default, conjugate gradient ({@link LinearSolvers#cg()}) for {@code H_yy v = ∇_y f}. */
    public static Builder builder() {
        return new Builder(LinearSolvers.cg());
    }

    /** @return a builder with the given linear solver for {@code H_yy v = ∇_y f}. */
    public static Builder builder(LinearSolver solver) {
        return new Builder(Functions.requireNonNull("solver", solver));
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
        private final LinearSolver solver;
        private InnerAlgorithm inner = GradientStep.lipschitzEstimate();
        private StepRule stepRule = ArmijoBacktracking.defaults();
        private double tolerance = 1e-10;
        private int maxSteps = 10_000;
        private HypergradientEstimator estimator;

        private Builder(LinearSolver solver) {
            this.solver = solver;
        }

        /**
         * Replaces the implicit-differentiation estimator (default {@code ImplicitDifferentiation.with(solver)}),
         * for a lower level that is not smooth: {@code NonsmoothImplicitDifferentiation} with a nonsmooth inner
         * algorithm ({@code org.tandemopt.bilevel.nonsmooth}); the linear solver is then unused.
         */
        public Builder estimator(HypergradientEstimator e) {
            this.estimator = Functions.requireNonNull("estimator", e);
            return this;
        }

        /** The inner algorithm (default {@code GradientStep.lipschitzEstimate()}). */
        public Builder inner(InnerAlgorithm a) {
            this.inner = Functions.requireNonNull("inner", a);
            return this;
        }

        /** The inner tolerance {@code ε > 0} on {@code ‖∇_y g‖} (default 1e-10). */
        public Builder innerTolerance(double eps) {
            this.tolerance = Functions.requirePositive("innerTolerance", eps);
            return this;
        }

        /** The most inner steps per outer iteration, at least 1 (default 10 000). */
        public Builder maxInnerSteps(int k) {
            this.maxSteps = Functions.requireAtLeast("maxInnerSteps", k, 1);
            return this;
        }

        /** The outer step rule (default Armijo backtracking with expansion). */
        public Builder stepRule(StepRule r) {
            this.stepRule = Functions.requireNonNull("stepRule", r);
            return this;
        }

        public ApproximateImplicitGradient build() {
            return new ApproximateImplicitGradient(this);
        }
    }
}
