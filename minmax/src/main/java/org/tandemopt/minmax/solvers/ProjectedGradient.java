package org.tandemopt.minmax.solvers;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.linesearch.StepSearch;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.Optimizer;
import org.tandemopt.core.optim.prox.Projection;

/**
 * Projected gradient descent {@code u_{k+1} = Π_C(u_k − t_k ∇J(u_k))} as a core {@link Optimizer}, the
 * default inner solver of the {@link RidgeMethod} when {@code y} is constrained (run on {@code −L(x, ·)} it
 * is projected gradient ascent).
 *
 * <p>The step {@code t_k} comes from any {@link StepRule}; with {@link ArmijoBacktracking} (the default,
 * expansion 2) it is the Armijo rule along the projection arc,
 * {@code J(u(t)) ≤ J(u) − (c/t)‖u(t) − u‖²} with {@code u(t) = Π_C(u − t∇J(u))} (Bertsekas,
 * <em>Nonlinear Programming</em>, 3rd ed., 2016, §3.3; Beck, <em>First-Order Methods in Optimization</em>,
 * 2017, ch. 10). The stationarity measure is the gradient mapping {@code ‖u − Π_C(u − ∇J(u))‖}, zero exactly
 * at a stationary point. The start is projected onto {@code C} first.
 */
public final class ProjectedGradient implements Optimizer,
        IterativeAlgorithm<DifferentiableFunction, ProjectedGradient.State> {

    private final Projection projection;
    private final StepRule rule;

    private ProjectedGradient(Projection projection, StepRule rule) {
        this.projection = Functions.requireNonNull("projection", projection);
        this.rule = Functions.requireNonNull("rule", rule);
    }

    /** @return projected gradient onto {@code projection} with {@link ArmijoBacktracking#defaults()}. */
    public static ProjectedGradient onto(Projection projection) {
        return new ProjectedGradient(projection, ArmijoBacktracking.defaults());
    }

    /** @return projected gradient onto {@code projection} with {@code rule}. */
    public static ProjectedGradient onto(Projection projection, StepRule rule) {
        return new ProjectedGradient(projection, rule);
    }

    /**
     * Prepares a state at {@code Π_C(start)}.
     *
     * @throws IllegalArgumentException for a null function or a start of the wrong length or not finite
     */
    public State start(DifferentiableFunction f, double[] start) {
        Functions.requireNonNull("f", f);
        Functions.requireFinite("start", start, f.dimension());
        if (projection.dimension() != -1 && projection.dimension() != f.dimension()) {
            throw new IllegalArgumentException("projection has dimension " + projection.dimension()
                    + ", expected " + f.dimension());
        }
        State s = new State(f, projection, rule, start);
        projection.project(s.u, s.u);
        s.value = f.valueAndGradient(s.u, s.g);
        s.countGradients(1);
        s.residual = Players.stationarity(projection, s.u, -1.0, s.g, s.trial);
        return s;
    }

    @Override
    public OptimizationResult minimize(DifferentiableFunction f, double[] start, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State s = start(f, start);
        RunResult<State> r = Driver.run(this, f, s, options);
        return OptimizationResult.of(s.u, r, options.toString());
    }

    @Override
    public void step(DifferentiableFunction f, State s) {
        double t = s.search.search(s.line.reset(s.u, s.g, -1.0), s.value, -s.line.gradientNormSquared(), s.u, s.g);
        if (!(t > 0)) {
            s.requestTermination(Termination.LINE_SEARCH_FAILED);
            s.stepNorm = 0;
            return;
        }
        s.line.point(t, s.trial);
        s.stepNorm = Math.sqrt(Players.distanceSquared(s.trial, s.u));
        s.stepSize = t;
        System.arraycopy(s.trial, 0, s.u, 0, s.u.length);
        s.value = f.valueAndGradient(s.u, s.g);
        s.countGradients(1);
        s.residual = Players.stationarity(projection, s.u, -1.0, s.g, s.trial);
    }

    @Override
    public void measure(DifferentiableFunction f, State s, Measures out) {
        out.value(s.value).gradientNorm(s.residual).stepNorm(s.stepNorm).stepSize(s.stepSize)
                .pointNorm(Players.norm(s.u));
    }

    @Override
    public String describe() {
        return "ProjectedGradient{" + projection + ", " + rule + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The state of a projected-gradient run. */
    public static final class State extends IterationState {
        private final double[] u;
        private final double[] g;
        private final double[] trial;
        private final StepSearch search;
        private final ProjectedArc line;
        private double value;
        private double residual;
        private double stepNorm = Double.NaN;
        private double stepSize = Double.NaN;

        State(DifferentiableFunction f, Projection p, StepRule rule, double[] start) {
            int n = start.length;
            this.u = start.clone();
            this.g = new double[n];
            this.trial = new double[n];
            this.search = rule.newSearch(n);
            State self = this;
            this.line = new ProjectedArc(n, p, rule) {
                private final double[] grad = new double[n];

                @Override
                double evaluate(double[] point) {
                    self.countValues(1);
                    return f.value(point);
                }

                @Override
                double slopeAt(double[] point, double[] direction) {
                    self.countGradients(1);
                    f.valueAndGradient(point, grad);
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += grad[i] * direction[i];
                    }
                    return s;
                }
            };
        }

        /** @return the current iterate (live buffer: do not modify). */
        public double[] point() { return u; }
        /** @return the objective at the iterate. */
        public double value() { return value; }
        /** @return the gradient-mapping norm at the iterate. */
        public double residual() { return residual; }
    }
}
