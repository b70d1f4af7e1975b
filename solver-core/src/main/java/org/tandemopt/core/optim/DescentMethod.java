package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.linesearch.FunctionLine;
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

/**
 * A line-search method {@code x_{k+1} = x_k + t_k d_k} composed of a <em>direction</em> (what the subclass
 * computes: {@code −∇J}, a quasi-Newton or a Newton direction) and a {@link StepRule} (any rule of
 * {@code core.linesearch}). The base class owns the state, the line, the update and the reporting; a
 * subclass says how to compute {@code d_k} and, if it keeps memory (L-BFGS pairs, CG buffers), how to
 * update it after a step.
 *
 * <p><b>Snapshots.</b> A {@link State} can be {@link State#copy() copied} and saved as a {@link Checkpoint}
 * (iterate, gradient, value, the step rule's {@link StepSearch#memory() memory}, the method's memory, counters
 * and this method's {@link #describe()}); {@link #restore} rebuilds it for the same function without
 * evaluating anything, and refuses a checkpoint written by another configuration. A subclass with memory
 * saves it by overriding {@link #writeMemory} and {@link #readMemory}.
 *
 * @param <M> the method's own memory, created once per run ({@code Void} when there is none)
 */
public abstract class DescentMethod<M> implements Optimizer, IterativeAlgorithm<DifferentiableFunction,
        DescentMethod.State<M>> {

    private final StepRule stepRule;

    protected DescentMethod(StepRule stepRule) {
        this.stepRule = Functions.requireNonNull("stepRule", stepRule);
    }

    /** @return the step rule. */
    public final StepRule stepRule() {
        return stepRule;
    }

    /** Creates the method's memory for a problem of dimension {@code d} (called once per run). */
    protected abstract M newMemory(DifferentiableFunction f, int d);

    /**
     * Writes the search direction at {@code s.point()} into {@code direction}. The gradient {@code s.gradient()}
     * and value are current. Count any extra evaluations on {@code s}.
     */
    protected abstract void direction(DifferentiableFunction f, State<M> s, double[] direction);

    /**
     * Called after an accepted step with {@code step = x_{k+1} − x_k} and {@code gradientChange = ∇_{k+1} − ∇_k}
     * (buffers valid only during the call); the default does nothing.
     */
    protected void afterStep(State<M> s, double[] step, double[] gradientChange) {
    }

    /**
     * Prepares a state at {@code start} (copied): evaluates the value and gradient once.
     *
     * @throws IllegalArgumentException for a null function or a start of the wrong length or not finite
     */
    public final State<M> start(DifferentiableFunction f, double[] start) {
        Functions.requireNonNull("f", f);
        Functions.requireFinite("start", start, f.dimension());
        State<M> s = new State<>(this, f, stepRule.newSearch(f.dimension()), start);
        s.memory = newMemory(f, f.dimension());
        s.value = f.valueAndGradient(s.x, s.g);
        s.countGradients(1);
        return s;
    }

    /**
     * Rebuilds a state saved by {@link State#toCheckpoint()} for {@code f} (the function the run was started
     * with: it is not evaluated, so nothing checks that it is the same). Continuing the rebuilt state gives
     * bit for bit the iterates and counters the saved run would have given.
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind or of another
     *                                  configuration than {@link #describe()} (named in the message), or
     *                                  entries whose lengths do not match {@code f.dimension()}
     */
    public final State<M> restore(DifferentiableFunction f, Checkpoint checkpoint) {
        Functions.requireNonNull("f", f);
        Functions.requireNonNull("checkpoint", checkpoint);
        State<M> s = blank(f);
        s.read(checkpoint);
        return s;
    }

    private State<M> blank(DifferentiableFunction f) {
        int n = f.dimension();
        State<M> s = new State<>(this, f, stepRule.newSearch(n), new double[n]);
        s.memory = newMemory(f, n);
        return s;
    }

    /** Saves the method's memory (entry names should start with the method's name); the default saves nothing. */
    protected void writeMemory(M memory, Checkpoint.Builder out) {
    }

    /** Restores memory saved by {@link #writeMemory} into a fresh {@code memory}; the default reads nothing. */
    protected void readMemory(Checkpoint in, M memory) {
    }

    @Override
    public final OptimizationResult minimize(DifferentiableFunction f, double[] start, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State<M> s = start(f, start);
        RunResult<State<M>> r = Driver.run(this, f, s, options);
        return OptimizationResult.of(s.x, r, options.toString());
    }

    @Override
    public final void step(DifferentiableFunction f, State<M> s) {
        if (Vectors.normInf(s.g) == 0) {
            // an exactly stationary point: nothing to do; the convergence criteria decide
            s.stepNorm = 0;
            s.stepSize = 0;
            return;
        }
        direction(f, s, s.d);
        double slope = Vectors.dot(s.g, s.d);
        if (!(slope < 0)) {
            if (Double.isNaN(slope)) {
                s.requestTermination(Termination.NON_FINITE);
            } else {
                s.requestTermination(Termination.NOT_DESCENT_DIRECTION);
            }
            s.stepNorm = 0;
            return;
        }
        double t = s.search.search(s.line.reset(s.x, s.d), s.value, slope, s.x, s.g);
        if (!(t > 0)) {
            // a search whose last trial gave NaN/Inf met a broken function, not merely a hard line
            s.requestTermination(s.line.lastEvaluationNonFinite() ? Termination.NON_FINITE
                    : Termination.LINE_SEARCH_FAILED);
            s.stepNorm = 0;
            return;
        }
        s.stepSize = t;
        // s.gPrev temporarily holds the old gradient; s.dx the step; s.xPrev and oldValue the iterate to return to
        // if the function is not finite at the new one
        double oldValue = s.value;
        System.arraycopy(s.g, 0, s.gPrev, 0, s.g.length);
        System.arraycopy(s.x, 0, s.xPrev, 0, s.x.length);
        for (int i = 0; i < s.x.length; i++) {
            double dx = t * s.d[i];
            s.dx[i] = dx;
            s.x[i] += dx;
        }
        if (s.line.hasGradientAt(t)) {
            System.arraycopy(s.line.lastGradient(), 0, s.g, 0, s.g.length);
            s.value = s.line.lastValue();
        } else {
            s.value = f.valueAndGradient(s.x, s.g);
            s.countGradients(1);
        }
        if (!(Double.isFinite(s.value) && Vectors.allFinite(s.g))) {
            // a step rule that does not evaluate (a constant step) met a broken function: keep the last finite
            // iterate, value and gradient, so the result is the best point so far, not a point with NaN value
            System.arraycopy(s.xPrev, 0, s.x, 0, s.x.length);
            System.arraycopy(s.gPrev, 0, s.g, 0, s.g.length);
            s.value = oldValue;
            s.stepNorm = 0;
            s.requestTermination(Termination.NON_FINITE);
            return;
        }
        s.stepNorm = Vectors.norm2(s.dx);
        for (int i = 0; i < s.g.length; i++) {
            s.gPrev[i] = s.g[i] - s.gPrev[i];
        }
        afterStep(s, s.dx, s.gPrev);
    }

    @Override
    public final void measure(DifferentiableFunction f, State<M> s, Measures out) {
        out.value(s.value).gradientNorm(Vectors.norm2(s.g)).stepNorm(s.stepNorm).stepSize(s.stepSize)
                .pointNorm(Vectors.norm2(s.x));
    }

    /**
     * The state of a descent run: iterate, value, gradient, direction, the line and the step rule's memory,
     * and the method's memory. {@link #copy()} and {@link #toCheckpoint()} save all of it except scratch
     * buffers that every step overwrites.
     */
    public static final class State<M> extends IterationState implements Resumable<State<M>> {
        private static final String KIND = "DescentMethod.State";
        private final DescentMethod<M> method;
        private final DifferentiableFunction f;
        private final double[] x;
        private final double[] g;
        private final double[] d;
        private final double[] dx;
        private final double[] gPrev;
        private final double[] xPrev;
        private final FunctionLine line;
        private final StepSearch search;
        private double value;
        private double stepNorm = Double.NaN;
        private double stepSize = Double.NaN;
        private M memory;

        State(DescentMethod<M> method, DifferentiableFunction f, StepSearch search, double[] start) {
            int n = start.length;
            this.method = method;
            this.f = f;
            this.x = start.clone();
            this.g = new double[n];
            this.d = new double[n];
            this.dx = new double[n];
            this.gPrev = new double[n];
            this.xPrev = new double[n];
            this.line = new FunctionLine(f, this);
            this.search = search;
        }

        /** @return the current iterate (live buffer: do not modify). */
        public double[] point() { return x; }
        /** @return the gradient at the iterate (live buffer: do not modify). */
        public double[] gradient() { return g; }
        /** @return the objective at the iterate. */
        public double value() { return value; }
        /** @return the method's memory. */
        public M memory() { return memory; }
        /** @return the step rule's memory for this run. */
        public StepSearch search() { return search; }

        @Override
        public State<M> copy() {
            State<M> c = method.blank(f);
            c.read(toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        @Override
        public Checkpoint toCheckpoint() {
            Checkpoint.Builder b = checkpointBuilder(KIND, method.describe()).put("x", x).put("gradient", g)
                    .putDouble("value", value).putDouble("stepNorm", stepNorm).putDouble("stepSize", stepSize)
                    .put("stepSearch", search.memory());
            method.writeMemory(memory, b);
            return b.build();
        }

        private void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("x", x);
            c.doublesInto("gradient", g);
            value = c.doubleValue("value");
            stepNorm = c.doubleValue("stepNorm");
            stepSize = c.doubleValue("stepSize");
            c.restoreInto("stepSearch", search::restore);
            method.readMemory(c, memory);
        }
    }
}
