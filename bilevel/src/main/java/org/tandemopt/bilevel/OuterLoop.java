package org.tandemopt.bilevel;

import java.time.Duration;
import java.util.List;

import org.tandemopt.bilevel.hypergradient.EstimatorDiagnostics;
import org.tandemopt.bilevel.hypergradient.HessianCondition;
import org.tandemopt.bilevel.hypergradient.EstimatorSession;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linesearch.LineFunction;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.linesearch.StepSearch;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;
import org.tandemopt.core.optim.prox.Projection;

/**
 * The outer loop the three bilevel solvers share: per iteration, a hypergradient estimate at {@code x_k}
 * (which runs the scheduled inner steps), then a projected step {@code x_{k+1} = Π_C(x_k − t_k ∇̂φ(x_k))}
 * with {@code t_k} from the step rule searching along the projected arc. The solvers differ only in their
 * settings: warm start of the inner state, the inner schedule and the estimator.
 *
 * <p>The stationarity measure the monitor sees (the record's gradient norm, which the convergence criterion
 * tests) is {@code ‖∇̂φ(x_k)‖} without a feasible set, and the projected-gradient mapping
 * {@code ‖x_k − Π_C(x_k − ∇̂φ(x_k))‖} with one, which vanishes at constrained critical points.
 */
final class OuterLoop implements IterativeAlgorithm<BilevelProblem, OuterLoop.State> {

    /** The kind of this loop's checkpoints. */
    static final String KIND = "org.tandemopt.bilevel.OuterLoop.State";

    /** Names of the per-iteration extras in the trace. */
    static final List<String> EXTRAS = List.of("inner_residual", "inner_steps", "linear_solve_residual",
            "linear_solve_iterations", "estimator_gradients", "estimator_hvps", "estimator_mixed_products",
            "peak_stored_states", "estimator_nanos", "derivative_growth", "estimator_status");

    /** How the number of inner steps is chosen at each outer iteration. */
    record Schedule(int minSteps, int maxSteps, double tolerance, double progressFactor) {
        /** (min, max, tolerance) for the iteration whose previous hypergradient norm is {@code lastNorm}. */
        double toleranceFor(double lastNorm) {
            if (Double.isNaN(progressFactor)) {
                return tolerance;
            }
            double t = progressFactor * lastNorm;
            return Double.isFinite(t) ? Math.max(tolerance, t) : tolerance;
        }

        @Override
        public String toString() {
            if (minSteps == maxSteps && tolerance == 0 && Double.isNaN(progressFactor)) {
                return Integer.toString(maxSteps);
            }
            return "[" + minSteps + ", " + maxSteps + "] until ‖∇_y g‖ ≤ "
                    + (Double.isNaN(progressFactor) ? Double.toString(tolerance)
                    : "max(" + tolerance + ", " + progressFactor + "·‖∇̂φ‖)");
        }
    }

    private final String name;
    private final InnerAlgorithm inner;
    private final HypergradientEstimator estimator;
    private final StepRule stepRule;
    private final Schedule schedule;
    private final boolean warmStart;

    OuterLoop(String name, InnerAlgorithm inner, HypergradientEstimator estimator, StepRule stepRule,
              Schedule schedule, boolean warmStart) {
        this.name = name;
        this.inner = inner;
        this.estimator = estimator;
        this.stepRule = stepRule;
        this.schedule = schedule;
        this.warmStart = warmStart;
    }

    BilevelResult solve(BilevelProblem problem, SolveOptions options) {
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("options", options);
        return finish(start(problem), options, Trace.empty());
    }

    BilevelResult resume(BilevelProblem problem, Checkpoint checkpoint, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State s = restore(problem, checkpoint);
        return finish(s, options, checkpoint.trace());
    }

    private BilevelResult finish(State s, SolveOptions options, Trace prior) {
        RunResult<State> r = Driver.run(this, s.p, s, options, prior);
        EstimatorDiagnostics d = s.last.diagnostics();
        Checkpoint saved = s.toCheckpoint();
        if (options.trace()) {
            saved = saved.withTrace(r.trace());
        }
        // after a step back (see step) the result is the last trusted point; its diagnostics say why the run ended
        EstimatorDiagnostics lastDiagnostics = s.rejected != null ? s.rejected.diagnostics() : d;
        return new BilevelResult(s.x, s.last.inner(), s.last.value(), s.last.norm(), d.innerResidual(),
                r.termination(), r.trace(), s.iteration(), s.valueEvaluations(), s.gradientEvaluations(),
                s.secondOrderEvaluations(), Duration.ofNanos(s.elapsedNanos()), lastDiagnostics, describe(),
                options.toString(), saved);
    }

    /**
     * Rebuilds a state saved by {@link State#toCheckpoint()} for {@code problem} (the problem the run was
     * started with; nothing is evaluated, so nothing checks that it is the same).
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind or configuration, or
     *                                  entries whose lengths do not fit the problem
     */
    State restore(BilevelProblem problem, Checkpoint checkpoint) {
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("checkpoint", checkpoint);
        State s = new State(problem, this);
        s.read(checkpoint);
        return s;
    }

    State start(BilevelProblem p) {
        State s = new State(p, this);
        s.estimate(s.x, Double.NaN);
        return s;
    }

    @Override
    public void step(BilevelProblem p, State s) {
        int n = s.x.length;
        double slope = 0;
        for (int i = 0; i < n; i++) {
            s.direction[i] = -s.grad[i];
            slope -= s.grad[i] * s.grad[i];
        }
        if (!(slope < 0)) {
            s.requestTermination(Double.isNaN(slope) ? Termination.NON_FINITE : Termination.CONVERGED_GRADIENT);
            s.stepNorm = 0;
            return;
        }
        double t = s.search.search(s.line, s.last.value(), slope, s.x, s.grad);
        if (!(t > 0)) {
            // a search whose last trial value was NaN/∞ met a broken function, not merely a hard line
            s.requestTermination(Double.isFinite(s.trialValue) ? Termination.LINE_SEARCH_FAILED
                    : Termination.NON_FINITE);
            s.stepNorm = 0;
            return;
        }
        s.stepSize = t;
        s.trialPoint(t, s.xTrial);
        double sn = 0;
        for (int i = 0; i < n; i++) {
            double d = s.xTrial[i] - s.x[i];
            sn += d * d;
        }
        s.stepNorm = Math.sqrt(sn);
        Hypergradient before = s.last;
        double stationarityBefore = s.stationarity;
        System.arraycopy(s.x, 0, s.xKept, 0, n);
        System.arraycopy(s.innerState, 0, s.innerKept, 0, s.innerState.length);
        System.arraycopy(s.xTrial, 0, s.x, 0, n);
        s.estimate(s.x, s.last.norm());
        HypergradientStatus status = s.last.diagnostics().status();
        if (status != HypergradientStatus.OK || !Double.isFinite(s.last.value()) || !Double.isFinite(s.last.norm())) {
            // the estimate at x_{k+1} cannot be trusted (NaN/∞, indefinite or singular H_yy, failed solve, blow-up):
            // end at x_k, the last point whose estimate could be, with the reason of the rejected one
            s.rejected = s.last;
            s.last = before;
            s.stationarity = stationarityBefore;
            System.arraycopy(s.xKept, 0, s.x, 0, n);
            System.arraycopy(s.innerKept, 0, s.innerState, 0, s.innerState.length);
            for (int i = 0; i < n; i++) {
                s.grad[i] = before.gradient(i);
            }
            s.stepNorm = 0;
            s.requestTermination(status != HypergradientStatus.OK ? status.termination() : Termination.NON_FINITE);
        }
    }

    @Override
    public void measure(BilevelProblem p, State s, Measures out) {
        EstimatorDiagnostics d = s.last.diagnostics();
        if (d.status() != HypergradientStatus.OK) {
            // an estimate that cannot be trusted ends the run with its reason (checked before convergence)
            s.requestTermination(d.status().termination());
        }
        double xn = 0;
        for (double v : s.x) {
            xn += v * v;
        }
        out.value(s.last.value()).gradientNorm(s.stationarity).stepNorm(s.stepNorm).stepSize(s.stepSize)
                .pointNorm(Math.sqrt(xn)).derivativeNorm(d.derivativeGrowth());
        out.extra(0, d.innerResidual()).extra(1, d.innerSteps()).extra(2, d.linearSolveResidual())
                .extra(3, d.linearSolveIterations()).extra(4, d.gradientEvaluations())
                .extra(5, d.hessianVectorProducts()).extra(6, d.mixedProducts()).extra(7, d.peakStoredStates())
                .extra(8, d.wallNanos()).extra(9, d.derivativeGrowth()).extra(10, d.status().ordinal());
    }

    @Override
    public List<String> extraNames() {
        return EXTRAS;
    }

    @Override
    public String describe() {
        return name + "{inner=" + inner.describe() + ", innerSteps=" + schedule + ", warmStart=" + warmStart
                + ", estimator=" + estimator.describe() + ", stepRule=" + stepRule + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state of a bilevel run. Its checkpoint holds the upper iterate, the last estimate (value, gradient,
     * inner point and every diagnostic), the inner state, the estimator's carried memory (adjoint or Jacobian
     * warm start), the inner map's memory, the step rule's memory, the last step, and the counters.
     */
    static final class State extends IterationState implements LineFunction, Resumable<State> {
        final OuterLoop loop;
        final BilevelProblem p;
        final Projection c;
        final EstimatorSession session;
        final InnerMap map;
        final double[] x;
        final double[] grad;
        final double[] direction;
        final double[] xTrial;
        /** x_k while the estimate at x_{k+1} is checked (see step). */
        final double[] xKept;
        /** the inner state at x_k while the estimate at x_{k+1} is checked. */
        final double[] innerKept;
        final double[] innerState;
        final double[] innerStart;
        final double[] trialState;
        final double[] trialNext;
        final double[] yTrial;
        final double[] gyTrial;
        final StepSearch search;
        final LineFunction line;
        Hypergradient last;
        /** The estimate a step was taken back from (see step), or null. */
        Hypergradient rejected;
        /** φ̂ at the line search's last trial point. */
        double trialValue = Double.NaN;
        double stepNorm = Double.NaN;
        double stepSize = Double.NaN;
        double lastSlope = Double.NaN;
        /**
         * ‖∇̂φ‖ without constraints; ‖x − Π_C(x − ∇̂φ)‖ (the projected-gradient mapping) with them; and at least the
         * inner residual ‖∇_y g‖ when a residual-scheduled inner solve stopped above its tolerance.
         */
        double stationarity = Double.NaN;

        State(BilevelProblem p, OuterLoop loop) {
            this.loop = loop;
            this.p = p;
            this.c = p.feasibleSet();
            this.session = loop.estimator.open(p, loop.inner);
            this.map = session.map();
            int n = p.parameterDimension();
            this.x = p.initialX();
            this.grad = new double[n];
            this.direction = new double[n];
            this.xTrial = new double[n];
            this.xKept = new double[n];
            this.innerStart = session.initialState(p.initialY());
            this.innerState = innerStart.clone();
            this.innerKept = innerStart.clone();
            this.trialState = new double[innerStart.length];
            this.trialNext = new double[innerStart.length];
            this.yTrial = new double[p.variableDimension()];
            this.gyTrial = new double[p.variableDimension()];
            this.search = loop.stepRule.newSearch(n);
            this.line = this;
        }

        /** Runs one estimate at {@code at} (warm or cold inner start) and counts it. */
        void estimate(double[] at, double lastNorm) {
            if (!loop.warmStart) {
                System.arraycopy(innerStart, 0, innerState, 0, innerState.length);
            }
            Schedule s = loop.schedule;
            double innerTolerance = s.toleranceFor(lastNorm);
            last = session.estimate(at, innerState, s.minSteps(), s.maxSteps(), innerTolerance);
            EstimatorDiagnostics d = last.diagnostics();
            countGradients(d.gradientEvaluations());
            countSecondOrder(d.hessianVectorProducts() + d.mixedProducts());
            for (int i = 0; i < grad.length; i++) {
                grad[i] = last.gradient(i);
            }
            if (c == null) {
                stationarity = last.norm();
            } else {
                for (int i = 0; i < x.length; i++) {
                    xTrial[i] = at[i] - grad[i];
                }
                c.project(xTrial, xTrial);
                double sum = 0;
                for (int i = 0; i < x.length; i++) {
                    double dx = at[i] - xTrial[i];
                    sum += dx * dx;
                }
                stationarity = Math.sqrt(sum);
            }
            if (innerTolerance > 0 && d.innerResidual() > innerTolerance) {
                // the inner solve stopped at its step cap above its own tolerance: the estimate is not certified,
                // so the run must not be declared stationary on it (its error grows with the inner residual)
                stationarity = Math.max(stationarity, d.innerResidual());
            }
        }

        /** {@code out ← Π_C(x + t d)}. */
        void trialPoint(double t, double[] out) {
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] + t * direction[i];
            }
            if (c != null) {
                c.project(out, out);
            }
        }

        /** φ̂ at the trial point: the scheduled inner run from the warm (or fixed) start, then f. */
        @Override
        public double value(double t) {
            trialPoint(t, xTrial);
            System.arraycopy(loop.warmStart ? innerState : innerStart, 0, trialState, 0, trialState.length);
            long g0 = map.gradientEvaluations();
            long h0 = map.hessianVectorProducts() + map.mixedProducts();
            map.prepare(xTrial, trialState);
            Schedule s = loop.schedule;
            int max = s.maxSteps();
            double tol = s.toleranceFor(last.norm());
            double[] a = trialState;
            double[] b = trialNext;
            long own = 0;
            for (int k = 0; k < max; k++) {
                double r = map.step(xTrial, a, b);
                if (tol > 0 && k >= s.minSteps()) {
                    if (Double.isNaN(r)) {
                        System.arraycopy(a, 0, yTrial, 0, yTrial.length);
                        p.lower().gradientY(xTrial, yTrial, gyTrial);
                        own++;
                        double sum = 0;
                        for (double v : gyTrial) {
                            sum += v * v;
                        }
                        r = Math.sqrt(sum);
                    }
                    if (r <= tol) {
                        break;
                    }
                }
                double[] tmp = a;
                a = b;
                b = tmp;
            }
            System.arraycopy(a, 0, yTrial, 0, yTrial.length);
            countGradients(map.gradientEvaluations() - g0 + own);
            countSecondOrder(map.hessianVectorProducts() + map.mixedProducts() - h0);
            countValues(1);
            trialValue = p.upper().value(xTrial, yTrial);
            return trialValue;
        }

        /**
         * φ̂ and its slope at the trial point by a full estimate from a copy of the inner state (used only by
         * step rules that need slopes; it also advances the session's warm starts of the adjoint or Jacobian).
         */
        @Override
        public double valueAndSlope(double t) {
            trialPoint(t, xTrial);
            System.arraycopy(loop.warmStart ? innerState : innerStart, 0, trialState, 0, trialState.length);
            Schedule s = loop.schedule;
            Hypergradient h = session.estimate(xTrial, trialState, s.minSteps(), s.maxSteps(),
                    s.toleranceFor(last.norm()));
            countGradients(h.diagnostics().gradientEvaluations());
            countSecondOrder(h.diagnostics().hessianVectorProducts() + h.diagnostics().mixedProducts());
            double slope = 0;
            for (int i = 0; i < direction.length; i++) {
                slope += h.gradient(i) * direction[i];
            }
            lastSlope = slope;
            trialValue = h.value();
            return trialValue;
        }

        @Override
        public double lastSlope() {
            return lastSlope;
        }

        /** @return the current upper variable (live buffer). */
        double[] point() {
            return x;
        }

        @Override
        public State copy() {
            State c = loop.restore(p, toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        @Override
        public Checkpoint toCheckpoint() {
            EstimatorDiagnostics d = last.diagnostics();
            int[] inertia = d.inertia();
            double[] in = inertia == null ? new double[0] : new double[] {inertia[0], inertia[1], inertia[2]};
            return checkpointBuilder(KIND, loop.describe()).put("x", x).put("innerState", innerState)
                    .put("estimate.gradient", grad).put("estimate.inner", last.inner())
                    .putDouble("estimate.value", last.value())
                    .put("estimate.status", d.status().name()).put("estimate.innerSteps", d.innerSteps())
                    .putDouble("estimate.innerResidual", d.innerResidual())
                    .putDouble("estimate.linearSolveResidual", d.linearSolveResidual())
                    .put("estimate.linearSolveIterations", d.linearSolveIterations())
                    .put("estimate.gradientEvaluations", d.gradientEvaluations())
                    .put("estimate.hessianVectorProducts", d.hessianVectorProducts())
                    .put("estimate.mixedProducts", d.mixedProducts())
                    .put("estimate.peakStoredStates", d.peakStoredStates())
                    .put("estimate.wallNanos", d.wallNanos())
                    .put("estimate.hessianCondition", d.hessianCondition().name()).put("estimate.inertia", in)
                    .putDouble("estimate.derivativeGrowth", d.derivativeGrowth())
                    .put("estimate.derivativeBlowUp", d.derivativeBlowUp() ? 1 : 0)
                    .putDouble("estimate.qualification", d.qualification())
                    .putDouble("stepNorm", stepNorm).putDouble("stepSize", stepSize)
                    .putDouble("lastSlope", lastSlope).putDouble("stationarity", stationarity)
                    .put("stepSearch", search.memory()).put("estimatorMemory", session.memory())
                    .put("innerMapMemory", map.memory()).build();
        }

        private void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, loop.describe());
            c.doublesInto("x", x);
            c.doublesInto("innerState", innerState);
            c.doublesInto("estimate.gradient", grad);
            double[] inner = new double[p.variableDimension()];
            c.doublesInto("estimate.inner", inner);
            double[] in = c.doubles("estimate.inertia");
            if (in.length != 0 && in.length != 3) {
                throw new IllegalArgumentException("checkpoint entry 'estimate.inertia' has " + in.length
                        + " values, expected 0 or 3");
            }
            int[] inertia = in.length == 0 ? null : new int[] {(int) in[0], (int) in[1], (int) in[2]};
            EstimatorDiagnostics d = new EstimatorDiagnostics(
                    enumValue(HypergradientStatus.class, c, "estimate.status"),
                    (int) c.longValue("estimate.innerSteps"), c.doubleValue("estimate.innerResidual"),
                    c.doubleValue("estimate.linearSolveResidual"), (int) c.longValue("estimate.linearSolveIterations"),
                    c.longValue("estimate.gradientEvaluations"), c.longValue("estimate.hessianVectorProducts"),
                    c.longValue("estimate.mixedProducts"), (int) c.longValue("estimate.peakStoredStates"),
                    c.longValue("estimate.wallNanos"), enumValue(HessianCondition.class, c, "estimate.hessianCondition"),
                    inertia, c.doubleValue("estimate.derivativeGrowth"), c.longValue("estimate.derivativeBlowUp") != 0,
                    c.doubleValue("estimate.qualification"));
            last = new Hypergradient(grad.clone(), inner, c.doubleValue("estimate.value"), d);
            stepNorm = c.doubleValue("stepNorm");
            stepSize = c.doubleValue("stepSize");
            lastSlope = c.doubleValue("lastSlope");
            stationarity = c.doubleValue("stationarity");
            c.restoreInto("stepSearch", search::restore);
            c.restoreInto("estimatorMemory", session::restoreMemory);
            c.restoreInto("innerMapMemory", map::restoreMemory);
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, Checkpoint c, String name) {
            String v = c.text(name);
            try {
                return Enum.valueOf(type, v);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("checkpoint entry '" + name + "' = " + v + ", expected one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }
    }
}
