package org.tandemopt.minmax.solvers;

import java.util.function.BiConsumer;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.Criteria;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.Optimizer;
import org.tandemopt.minmax.MinMaxProblem;

/**
 * How the {@link RidgeMethod} follows the ridge {@code y*(x)}: given {@code x} and a warm start {@code y},
 * move {@code y} in place to an approximate solution of the inner problem {@code max_{y ∈ Y} L(x, y)}
 * (MIN_MAX) or {@code min_{y ∈ Y} L(x, y)} (MIN_MIN), i.e. a minimiser of {@code σ L(x, ·)} with
 * {@code σ = } {@link org.tandemopt.minmax.Sense#innerSign()}, to the stationarity {@code tolerance}.
 *
 * <p>Implementations: {@link #defaults()} (gradient ascent — core {@link GradientDescent} on
 * {@code −L(x, ·)} — or {@link ProjectedGradient} when {@code Y} is constrained), {@link #of(Optimizer)} (any
 * core optimizer; with a constrained {@code Y} it must keep {@code y} feasible, as {@link ProjectedGradient}
 * does), and {@link #closedForm} when {@code y*(x)} is known (exact inner maximisation, for studies of the
 * outer method alone). Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface InnerSolver {

    /**
     * Solves the inner problem at {@code x} from the warm start {@code y} (overwritten with the answer).
     *
     * @param tolerance     stationarity tolerance ({@code ‖∇_y L‖} or its projected mapping)
     * @param maxIterations iteration budget
     * @return what the solve achieved and cost
     */
    Report solve(MinMaxProblem problem, double[] x, double[] y, double tolerance, int maxIterations);

    /**
     * The outcome of one inner solve.
     *
     * @param value               {@code L(x, y)} at the returned {@code y} (unsigned)
     * @param residual            achieved stationarity
     * @param iterations          inner iterations
     * @param valueEvaluations    value evaluations of {@code L}
     * @param gradientEvaluations gradient evaluations of {@code L}
     * @param termination         why the inner run ended
     */
    record Report(double value, double residual, int iterations, long valueEvaluations, long gradientEvaluations,
                  Termination termination) {
    }

    /**
     * The default: gradient ascent on {@code L(x, ·)} (core {@link GradientDescent} on {@code −L(x, ·)};
     * descent for MIN_MIN), or {@link ProjectedGradient#onto} the feasible set when {@code Y} is constrained,
     * both with Armijo backtracking with expansion 2, first trial 1 and shrink 0.5 (the core defaults) but
     * Armijo constant {@code c = 0.5} and maximal step {@code 1e30}. {@code c = 0.5}: the test must certify a
     * decrease {@code c t ‖∇‖²} against values whose spacing is {@code ulp(L)}, so the smallest inner
     * residual it can resolve is about {@code √(ulp(L)/(c t))} — 100 times smaller with {@code c = 0.5} than
     * with {@code c = 1e-4} (on a quadratic, {@code c = 0.5} still accepts every {@code t ≤ 1/ℓ}). {@code 1e30}: along a Hölder ridge the inner curvature may vanish (on
     * {@code L = xy − y⁴/4} it is {@code 3y²}, about {@code 3e-16} at {@code y = 1e-8}) and the admissible
     * inner step grows like its inverse.
     */
    static InnerSolver defaults() {
        ArmijoBacktracking rule = ArmijoBacktracking.builder().armijo(0.5).maxStep(1e30).build();
        Optimizer free = GradientDescent.withStepRule(rule);
        return (problem, x, y, tolerance, maxIterations) -> {
            Optimizer o = problem.feasibleY() == null ? free : ProjectedGradient.onto(problem.feasibleY(), rule);
            return run(o, problem, x, y, tolerance, maxIterations);
        };
    }

    /**
     * Any core optimizer, run on {@code σ L(x, ·)} from the warm start. The inner run stops at
     * {@code gradientNorm ≤ tolerance}, at an exactly zero step (no progress is possible in floating point),
     * when its residual has not halved for 100 iterations (it has reached the precision floor of
     * {@code ∇_y L}: when {@code ‖d_k‖} is tiny, {@code κ_τ‖d_k‖²} may be below what floating point can
     * resolve), or at its budget.
     */
    static InnerSolver of(Optimizer optimizer) {
        Functions.requireNonNull("optimizer", optimizer);
        return (problem, x, y, tolerance, maxIterations) -> run(optimizer, problem, x, y, tolerance, maxIterations);
    }

    /**
     * The exact inner solution {@code y*(x)} written by {@code argOpt.accept(x, yOut)}; each solve then costs
     * one gradient evaluation (to report the residual and the value honestly) and zero iterations.
     */
    static InnerSolver closedForm(BiConsumer<double[], double[]> argOpt) {
        Functions.requireNonNull("argOpt", argOpt);
        return (problem, x, y, tolerance, maxIterations) -> {
            argOpt.accept(x, y);
            double[] g = new double[y.length];
            double v = problem.function().gradientY(x, y, g);
            double r = Players.stationarity(problem.feasibleY(), y, problem.sense().yDirection(), g,
                    new double[y.length]);
            return new Report(v, r, 0, 0, 1, Termination.CONVERGED);
        };
    }

    private static Report run(Optimizer o, MinMaxProblem problem, double[] x, double[] y, double tolerance,
                              int maxIterations) {
        double sigma = problem.sense().innerSign();
        DifferentiableFunction f = problem.function().restrictedToY(x, sigma);
        SolveOptions options = SolveOptions.builder().maxIterations(maxIterations)
                .convergence(Criteria.gradientNorm(tolerance).or(Criteria.stepNorm(0.0))
                        .or(InnerStall.criterion(InnerStall.WINDOW))).build();
        OptimizationResult r = o.minimize(f, y, options);
        double[] yNew = r.point();
        System.arraycopy(yNew, 0, y, 0, y.length);
        return new Report(sigma * r.value(), r.gradientNorm(), r.iterations(), r.valueEvaluations(),
                r.gradientEvaluations() + r.secondOrderEvaluations(), r.termination());
    }
}
