package org.tandemopt.minmax.solvers;

import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Resumable;

import java.util.List;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.StepSearch;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.prox.Projection;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.MinMaxSolver;

/**
 * The ridge method with Hölderian backtracking: gradient descent on the value function
 * {@code G(x) = max_{y ∈ Y} L(x, y)} (MIN_MAX) or {@code G(x) = min_{y ∈ Y} L(x, y)} (MIN_MIN), following the
 * ridge {@code y*(x)} with a warm-started inner solver and stepping along the Danskin gradient
 * {@code ∇G(x) = ∇_x L(x, y*(x))}, the step chosen by Armijo backtracking whose trial step may grow again.
 *
 * <p>Update rule, outer iteration {@code k} at the ridge point {@code (x_k, y_k ≈ y*(x_k))},
 * {@code d_k = ∇_x L(x_k, y_k)}:
 * <pre>
 *   τ_k     = min(τ, κ_τ ‖d_k‖²)   (at least the floor τ_min); refine y_k to τ_k first if needed
 *   φ(t)    = G(Π_X(x_k − t d_k)),  each value = an inner solve warm-started at y_k, to tolerance τ_k
 *   t_k     = Armijo: the first t ∈ {t̄_k, ρ t̄_k, ρ² t̄_k, …} with φ(t) ≤ G(x_k) − c t ‖d_k‖²
 *             (along the projection arc when X is constrained: G(x(t)) ≤ G(x_k) − (c/t)‖x(t) − x_k‖²)
 *   x_{k+1} = Π_X(x_k − t_k d_k),   y_{k+1} = the inner solution found at x_{k+1}
 *   t̄_{k+1} = min(t_max, α t_k)    (α = expansion factor)
 * </pre>
 * The outer search is {@link ArmijoBacktracking} run over a {@link org.tandemopt.core.linesearch.LineFunction}
 * whose every value evaluation is a warm-started inner solve. With expansion {@code α = 2} (the default) the
 * step recovers after the iterates cross a region where {@code ∇G} is only Hölder continuous — the step
 * admissible there shrinks like a power of the distance to the kink — while {@code α = 1} is the classical
 * monotone backtracking, kept for comparison, whose step never grows back. The inner tolerance tightening
 * with {@code ‖d_k‖²} keeps the error of the computed values {@code G(x)} below the Armijo decrease
 * {@code c t ‖d_k‖²} that the test must resolve.
 *
 * <p>Reference: J. Bolte, L. Glaudin, E. Pauwels, M. Serrurier, "The backtrack Hölder gradient method with
 * application to min-max and min-min problems", Open Journal of Mathematical Optimization 4 (2023), article
 * 8 (arXiv:2011.05217 "A Hölderian backtracking method for min-max and min-min problems"). Danskin's
 * theorem: J. M. Danskin, <em>The Theory of Max-Min</em>, 1967.
 *
 * <p>When to use: nonconvex–concave min-max problems whose inner maximisation is well posed (a unique,
 * computable {@code y*(x)}), in particular when {@code (x*, y*)} is a global minimax point but not a local
 * Nash point, where gradient descent-ascent, extragradient and optimistic methods diverge (REFERENCE-PROBLEMS
 * M2); and min-min problems solved block-wise. It is not for problems whose inner solution is not unique
 * (bilinear games): {@code G} is then not differentiable — use {@link Extragradient}.
 *
 * <p>Defaults ({@link #defaults()}): outer Armijo backtracking with first trial 1, shrink {@code ρ = 0.5},
 * {@code c = 0.5}, expansion {@code α = 2}, 60 trials, maximal step {@code 1e10} ({@code c = 0.5} rather than
 * the core default {@code 1e-4}: the test resolves decreases {@code c t ‖d‖²} only above the spacing
 * {@code ulp(G)} of the values, so the smallest {@code ‖d‖} it can certify is about
 * {@code √(ulp(G)/(c t))}, near {@code 1.5e-8} for {@code G ≈ 0.4} with {@code c = 0.5}); inner solver
 * {@link InnerSolver#defaults()} (gradient ascent with Armijo and expansion, projected when {@code Y} is
 * constrained); {@code τ = 1e-4}, {@code κ_τ = 1}, {@code τ_min = 0}; at most 10 000 inner iterations per
 * inner solve. The first inner solve (at the start) uses {@code τ}, then is refined as above.
 *
 * <p>Reported per outer iteration: the value {@code G(x_k)}, the stationarity {@code ‖d_k‖} (projected
 * mapping {@code ‖x_k − Π_X(x_k − d_k)‖} when {@code X} is constrained), step, step size, {@code ‖x_k‖}, and
 * extras {@code innerIterations}, {@code innerEvaluations} (value plus gradient evaluations of the inner
 * solves of that outer iteration, refinement included), {@code trialEvaluations} (evaluations of {@code G} by
 * the line search), {@code innerResidual}, {@code innerTolerance} ({@code τ_k}) and {@code distance} (to the
 * known solution, NaN without one). The state's counters include every inner evaluation.
 * Allocation: each inner solve through a core optimizer allocates that optimizer's run state and result
 * (per outer trial, not per inner iteration); the outer loop itself allocates nothing.
 */
public final class RidgeMethod implements MinMaxSolver, IterativeAlgorithm<MinMaxProblem, RidgeMethod.State> {

    private static final List<String> EXTRAS = List.of("innerIterations", "innerEvaluations", "trialEvaluations",
            "innerResidual", "innerTolerance", "distance");

    private final ArmijoBacktracking outer;
    private final InnerSolver inner;
    private final double innerTolerance;
    private final double innerToleranceFactor;
    private final double innerToleranceFloor;
    private final int innerMaxIterations;

    private RidgeMethod(Builder b) {
        this.outer = b.outer;
        this.inner = b.inner;
        this.innerTolerance = b.innerTolerance;
        this.innerToleranceFactor = b.innerToleranceFactor;
        this.innerToleranceFloor = b.innerToleranceFloor;
        this.innerMaxIterations = b.innerMaxIterations;
        if (innerToleranceFloor > innerTolerance) {
            throw new IllegalArgumentException("innerToleranceFloor = " + innerToleranceFloor
                    + " exceeds innerTolerance = " + innerTolerance);
        }
    }

    /** @return the ridge method with every default (Armijo constant 0.5, expansion 2). */
    public static RidgeMethod defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the outer backtracking rule. */
    public ArmijoBacktracking outerStep() {
        return outer;
    }

    /**
     * Prepares a state at the problem's start: solves the inner problem at {@code x_0} from {@code y_0} and
     * evaluates {@code ∇_x L} there.
     */
    public State start(MinMaxProblem problem) {
        Functions.requireNonNull("problem", problem);
        State s = new State(problem, this);
        s.beginStep();
        solveAt(problem, s, s.x, s.y, innerTolerance);
        s.value = s.lastValue;
        s.residual = s.lastResidual;
        gradientAt(problem, s);
        refine(problem, s);
        return s;
    }

    @Override
    public MinMaxResult solve(MinMaxProblem problem, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State s = start(problem);
        RunResult<State> r = Driver.run(this, problem, s, options);
        return new MinMaxResult(problem, s.x, s.y, s.value, s.stationarity, s.residual, r, options.toString());
    }

    /**
     * Rebuilds a state saved by {@link State#toCheckpoint()} for {@code problem} (the problem the run was started
     * with; nothing is evaluated, so nothing checks that it is the same).
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind or configuration than
     *                                  {@link #describe()}, or entries whose lengths do not fit the problem
     */
    public State restore(MinMaxProblem problem, Checkpoint checkpoint) {
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("checkpoint", checkpoint);
        State s = new State(problem, this);
        s.read(checkpoint);
        return s;
    }

    @Override
    public MinMaxResult resume(MinMaxProblem problem, Checkpoint checkpoint, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State s = restore(problem, checkpoint);
        RunResult<State> r = Driver.run(this, problem, s, options, checkpoint.trace());
        return new MinMaxResult(problem, s.x, s.y, s.value, s.stationarity, s.residual, r, options.toString());
    }

    @Override
    public void step(MinMaxProblem p, State s) {
        s.beginStep();
        s.keep();
        refine(p, s);
        if (!s.finite()) {
            // the refinement met a broken function: back to the last finite ridge point
            s.stepBack();
            s.requestTermination(Termination.NON_FINITE);
            return;
        }
        double t = s.search.search(s.line.reset(s.x, s.gx, -1.0), s.value, -s.line.gradientNormSquared(), s.x,
                s.gx);
        s.trialEvaluations = s.search.lastEvaluations();
        if (!(t > 0)) {
            // a search whose last trial value was NaN/∞ met a broken function, not merely a hard line
            s.requestTermination(Double.isFinite(s.trialValue) ? Termination.LINE_SEARCH_FAILED
                    : Termination.NON_FINITE);
            s.stepNorm = 0;
            return;
        }
        if (s.line.evaluatedAt(t)) {
            System.arraycopy(s.line.trialPoint(), 0, s.xNew, 0, s.x.length);
            System.arraycopy(s.yTrial, 0, s.y, 0, s.y.length);
            s.value = s.trialValue;
            s.residual = s.trialResidual;
        } else {
            s.line.point(t, s.xNew);
            solveAt(p, s, s.xNew, s.y, s.tolerance);
            s.value = s.lastValue;
            s.residual = s.lastResidual;
        }
        s.stepNorm = Math.sqrt(Players.distanceSquared(s.xNew, s.x));
        s.stepSize = t;
        System.arraycopy(s.xNew, 0, s.x, 0, s.x.length);
        gradientAt(p, s);
        if (!s.finite()) {
            s.stepBack();
            s.requestTermination(Termination.NON_FINITE);
        }
    }

    /** Tightens the inner solution at x_k to τ_k = max(τ_min, min(τ, κ‖d_k‖²)) when needed. */
    private void refine(MinMaxProblem p, State s) {
        s.tolerance = Math.max(innerToleranceFloor,
                Math.min(innerTolerance, innerToleranceFactor * s.stationarity * s.stationarity));
        if (s.residual > s.tolerance) {
            solveAt(p, s, s.x, s.y, s.tolerance);
            s.value = s.lastValue;
            s.residual = s.lastResidual;
            gradientAt(p, s);
        }
    }

    /** Inner solve at {@code x} from (and into) {@code y}, with the bookkeeping. */
    private void solveAt(MinMaxProblem p, State s, double[] x, double[] y, double tolerance) {
        InnerSolver.Report r = inner.solve(p, x, y, tolerance, innerMaxIterations);
        s.countValues(r.valueEvaluations());
        s.countGradients(r.gradientEvaluations());
        s.innerIterations += r.iterations();
        s.innerEvaluations += r.valueEvaluations() + r.gradientEvaluations();
        s.lastValue = r.value();
        s.lastResidual = r.residual();
    }

    private static void gradientAt(MinMaxProblem p, State s) {
        p.function().gradientX(s.x, s.y, s.gx);
        s.countGradients(1);
        s.stationarity = Players.stationarity(p.feasibleX(), s.x, -1.0, s.gx, s.xNew);
    }

    @Override
    public void measure(MinMaxProblem p, State s, Measures out) {
        out.value(s.value).gradientNorm(s.stationarity).stepNorm(s.stepNorm).stepSize(s.stepSize)
                .pointNorm(Players.norm(s.x)).extra(0, s.innerIterations).extra(1, s.innerEvaluations)
                .extra(2, s.trialEvaluations).extra(3, s.residual).extra(4, s.tolerance)
                .extra(5, p.distanceToSolution(s.x, s.y));
    }

    @Override
    public List<String> extraNames() {
        return EXTRAS;
    }

    @Override
    public String describe() {
        return "RidgeMethod{outer=" + outer + ", innerTolerance=" + innerTolerance + ", innerToleranceFactor="
                + innerToleranceFactor + ", innerToleranceFloor=" + innerToleranceFloor + ", innerMaxIterations="
                + innerMaxIterations + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state of a ridge run: the ridge point {@code (x_k, y_k)}, {@code G(x_k)}, {@code ∇_x L} there, the
     * outer search's memory (the next first trial) and the per-iteration inner bookkeeping.
     */
    public static final class State extends IterationState implements Resumable<State> {
        static final String KIND = "org.tandemopt.minmax.solvers.RidgeMethod.State";
        final RidgeMethod method;
        final MinMaxProblem problem;
        final double[] x;
        final double[] y;
        final double[] gx;
        final double[] xNew;
        final double[] yTrial;
        /** The ridge point before the step, put back when the step meets a NaN/∞ (see {@link #stepBack}). */
        final double[] xKept;
        final double[] yKept;
        final double[] gxKept;
        double valueKept;
        double residualKept;
        double stationarityKept;
        final StepSearch search;
        final ProjectedArc line;
        double value;
        double residual;
        double stationarity;
        double tolerance;
        double stepNorm = Double.NaN;
        double stepSize = Double.NaN;
        long innerIterations;
        long innerEvaluations;
        int trialEvaluations;
        double lastValue;
        double lastResidual;
        double trialValue;
        double trialResidual;

        State(MinMaxProblem p, RidgeMethod method) {
            this.method = method;
            this.problem = p;
            this.x = p.startX();
            this.y = p.startY();
            this.gx = new double[x.length];
            this.xNew = new double[x.length];
            this.yTrial = new double[y.length];
            this.xKept = new double[x.length];
            this.yKept = new double[y.length];
            this.gxKept = new double[x.length];
            this.search = method.outer.newSearch(x.length);
            Projection px = p.feasibleX();
            State self = this;
            this.line = new ProjectedArc(x.length, px, method.outer) {
                @Override
                double evaluate(double[] point) {
                    System.arraycopy(self.y, 0, self.yTrial, 0, self.y.length);
                    method.solveAt(p, self, point, self.yTrial, self.tolerance);
                    self.trialValue = self.lastValue;
                    self.trialResidual = self.lastResidual;
                    return self.lastValue;
                }

                @Override
                double slopeAt(double[] point, double[] direction) {
                    p.function().gradientX(point, self.yTrial, self.xNew);
                    self.countGradients(1);
                    double sl = 0;
                    for (int i = 0; i < direction.length; i++) {
                        sl += self.xNew[i] * direction[i];
                    }
                    return sl;
                }
            };
        }

        void keep() {
            System.arraycopy(x, 0, xKept, 0, x.length);
            System.arraycopy(y, 0, yKept, 0, y.length);
            System.arraycopy(gx, 0, gxKept, 0, gx.length);
            valueKept = value;
            residualKept = residual;
            stationarityKept = stationarity;
        }

        /** @return whether the ridge point, its value and gradient are all finite. */
        boolean finite() {
            return Double.isFinite(value) && Double.isFinite(stationarity) && Vectors.allFinite(gx)
                    && Vectors.allFinite(y) && Vectors.allFinite(x);
        }

        /** Puts back the ridge point kept before the step (its value, gradient and residuals), step norm 0. */
        void stepBack() {
            System.arraycopy(xKept, 0, x, 0, x.length);
            System.arraycopy(yKept, 0, y, 0, y.length);
            System.arraycopy(gxKept, 0, gx, 0, gx.length);
            value = valueKept;
            residual = residualKept;
            stationarity = stationarityKept;
            stepNorm = 0;
        }

        void beginStep() {
            innerIterations = 0;
            innerEvaluations = 0;
            trialEvaluations = 0;
        }

        /** @return the current {@code x} (live buffer: do not modify). */
        public double[] x() { return x; }
        /** @return the current ridge point {@code y ≈ y*(x)} (live buffer: do not modify). */
        public double[] y() { return y; }
        /** @return {@code G(x)} as computed at the current ridge point. */
        public double value() { return value; }
        /** @return {@code ∇_x L(x, y)} (live buffer). */
        public double[] gradientX() { return gx; }
        /** @return the inner residual at the current ridge point. */
        public double innerResidual() { return residual; }
        /** @return the outer search's memory (next first trial step). */
        public StepSearch search() { return search; }

        @Override
        public State copy() {
            State c = method.restore(problem, toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        /**
         * @return the ridge point {@code (x, y)}, {@code G(x)}, {@code ∇_x L}, the inner residual and tolerance,
         *         the outer search's memory, the last step and this iteration's inner bookkeeping, the counters
         */
        @Override
        public Checkpoint toCheckpoint() {
            return checkpointBuilder(KIND, method.describe()).put("x", x).put("y", y).put("gradientX", gx)
                    .putDouble("value", value).putDouble("residual", residual).putDouble("stationarity", stationarity)
                    .putDouble("tolerance", tolerance).putDouble("stepNorm", stepNorm).putDouble("stepSize", stepSize)
                    .put("innerIterations", innerIterations).put("innerEvaluations", innerEvaluations)
                    .put("trialEvaluations", trialEvaluations).put("search", search.memory()).build();
        }

        void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("x", x);
            c.doublesInto("y", y);
            c.doublesInto("gradientX", gx);
            value = c.doubleValue("value");
            residual = c.doubleValue("residual");
            stationarity = c.doubleValue("stationarity");
            tolerance = c.doubleValue("tolerance");
            stepNorm = c.doubleValue("stepNorm");
            stepSize = c.doubleValue("stepSize");
            innerIterations = c.longValue("innerIterations");
            innerEvaluations = c.longValue("innerEvaluations");
            trialEvaluations = (int) c.longValue("trialEvaluations");
            c.restoreInto("search", search::restore);
        }
    }

    /** Validated builder. */
    public static final class Builder {
        private ArmijoBacktracking outer = ArmijoBacktracking.builder().armijo(0.5).build();
        private InnerSolver inner = InnerSolver.defaults();
        private double innerTolerance = 1e-4;
        private double innerToleranceFactor = 1.0;
        private double innerToleranceFloor = 0.0;
        private int innerMaxIterations = 10_000;

        private Builder() {
        }

        /**
         * The outer backtracking (default: first trial 1, shrink 0.5, Armijo constant 0.5, expansion 2, 60
         * trials, maximal step 1e10).
         */
        public Builder outerStep(ArmijoBacktracking rule) {
            this.outer = Functions.requireNonNull("outerStep", rule);
            return this;
        }

        /** The inner solver (default {@link InnerSolver#defaults()}). */
        public Builder innerSolver(InnerSolver solver) {
            this.inner = Functions.requireNonNull("innerSolver", solver);
            return this;
        }

        /** The loosest inner tolerance {@code τ > 0} (default 1e-4). */
        public Builder innerTolerance(double tau) {
            this.innerTolerance = Functions.requirePositive("innerTolerance", tau);
            return this;
        }

        /** The factor {@code κ_τ > 0} of {@code τ_k = min(τ, κ_τ‖d_k‖²)} (default 1). */
        public Builder innerToleranceFactor(double kappa) {
            this.innerToleranceFactor = Functions.requirePositive("innerToleranceFactor", kappa);
            return this;
        }

        /**
         * A floor {@code τ_min ≥ 0} under {@code τ_k}, for inner problems with a precision floor (default 0); it
         * must not exceed {@link #innerTolerance} ({@link #build()} refuses it otherwise, naming both).
         */
        public Builder innerToleranceFloor(double floor) {
            this.innerToleranceFloor = Functions.requireNonNegative("innerToleranceFloor", floor);
            return this;
        }

        /** Iteration budget of each inner solve, at least 1 (default 10 000). */
        public Builder innerMaxIterations(int n) {
            this.innerMaxIterations = Functions.requireAtLeast("innerMaxIterations", n, 1);
            return this;
        }

        /** @return the solver. */
        public RidgeMethod build() {
            return new RidgeMethod(this);
        }
    }
}
