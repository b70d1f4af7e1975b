package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.prox.ProximalOperator;

/**
 * Proximal gradient descent (ISTA, forward-backward splitting) and its accelerated version FISTA, for
 * composite problems {@code min_u F(u) = J(u) + r(u)} with {@code J} smooth and {@code r} closed convex with a
 * cheap {@link ProximalOperator} (Beck &amp; Teboulle, "A fast iterative shrinkage-thresholding algorithm for
 * linear inverse problems", SIAM J. Imaging Sciences 2(1), 2009).
 *
 * <pre>
 *   ISTA:   x_{k+1} = prox_{t r}(x_k − t ∇J(x_k))
 *   FISTA:  x_{k+1} = prox_{t r}(y_k − t ∇J(y_k)),
 *           θ_{k+1} = (1 + √(1 + 4θ_k²)) / 2,   y_{k+1} = x_{k+1} + ((θ_k − 1)/θ_{k+1}) (x_{k+1} − x_k),
 *           θ_1 = 1, y_1 = x_0
 * </pre>
 *
 * With {@code t ≤ 1/L}, {@code L} the Lipschitz constant of {@code ∇J}, and convex {@code J}, ISTA reaches
 * {@code F(x_k) − F* = O(1/k)} and FISTA {@code O(1/k²)}; ISTA is monotone and also converges (to critical
 * points) for nonconvex {@code J}, FISTA is not monotone and has no nonconvex guarantee.
 *
 * <p><b>Step.</b> Either a constant step {@code t} ({@link Builder#constantStep}, or {@link Builder#lipschitz}
 * for {@code t = 1/L}), or (default) Beck–Teboulle backtracking on the smooth part: starting from the previous
 * step (first {@link Builder#backtracking initialStep}, default 1), the trial {@code p = prox_{t r}(y − t∇J(y))}
 * is accepted when {@code J(p) ≤ J(y) + ⟨∇J(y), p − y⟩ + ‖p − y‖²/(2t)}, otherwise {@code t ← shrink·t} (default
 * 0.5), at most {@code maxBacktracks} times (default 60) before the run ends with
 * {@link Termination#LINE_SEARCH_FAILED} ({@link Termination#NON_FINITE} when the last trial's value or gradient
 * was NaN or infinite, as for every line search of the library). The step never grows again, as in the paper. Near convergence the
 * quadratic term {@code ‖p − y‖²/(2t)} falls to the rounding level of {@code J}, and the value test fails by
 * cancellation alone; so a failure by less than {@code 100 ε (|J(p)| + |J(y)| + |⟨∇J(y), p − y⟩|)} is decided
 * by the gradient test {@code ⟨∇J(p) − ∇J(y), p − y⟩ ≤ ‖p − y‖²/t} instead (the same test for quadratic
 * {@code J}; TFOCS makes a similar switch), so that rounding cannot shrink the step spuriously.
 *
 * <p><b>Restart</b> (FISTA only, default {@link Restart#NONE}): adaptive restart of O'Donoghue &amp; Candès,
 * "Adaptive restart for accelerated gradient schemes", Found. Comput. Math. 15, 2015 — reset {@code θ} to 1
 * (no momentum for the next step) when {@code F(x_{k+1}) > F(x_k)} ({@link Restart#FUNCTION_VALUE}) or when
 * {@code ⟨y_k − x_{k+1}, x_{k+1} − x_k⟩ > 0} ({@link Restart#GRADIENT}). It recovers linear convergence
 * on (locally) strongly convex problems without knowing the modulus.
 *
 * <p><b>What is reported.</b> The value is {@code F(x_k) = J(x_k) + r(x_k)} at the iterate {@code x_k} (not at
 * the extrapolated point), and the stationarity measure ({@code gradientNorm} in records and results) is the
 * norm of the gradient mapping at {@code x_k} with the current step,
 * {@code ‖G_t(x_k)‖ = ‖x_k − prox_{t r}(x_k − t∇J(x_k))‖ / t}, which is zero exactly at critical points and is
 * {@code ‖∇J‖} when {@code r = 0}. For this FISTA evaluates {@code J} and {@code ∇J} at {@code x_{k+1}} as well
 * as at {@code y_{k+1}}: two gradient evaluations per iteration with a constant step (one when the momentum is
 * zero), where ISTA needs one.
 *
 * <p>If the start has {@code r(x_0) = +∞} (an infeasible start for an indicator), the run starts from
 * {@code prox_{t r}(x_0)} instead.
 *
 * <p>Defaults: ISTA ({@code accelerated = false}), backtracking with initial step 1 and shrink 0.5, 60
 * backtracks, no restart, {@code r = 0} unless a regularizer is configured (then ISTA is gradient descent and
 * FISTA is Nesterov's method). Immutable and thread-safe; a run allocates nothing per iteration.
 *
 * <p>Snapshots: a {@link State} can be {@link State#copy() copied} and saved as a {@link Checkpoint}, and
 * {@link #restore} rebuilds it for the same composite problem without evaluating anything.
 *
 * <pre>{@code
 * ProximalGradient fista = ProximalGradient.builder().accelerated(true).lipschitz(L).build();
 * OptimizationResult r = fista.minimize(leastSquares, L1Norm.of(lambda), new double[n], SolveOptions.defaults());
 * }</pre>
 */
public final class ProximalGradient implements Optimizer, IterativeAlgorithm<CompositeProblem,
        ProximalGradient.State> {

    /** When FISTA drops its momentum (see the class documentation). */
    public enum Restart {
        /** Never: the original FISTA. */
        NONE,
        /** When the composite value increases, {@code F(x_{k+1}) > F(x_k)}. */
        FUNCTION_VALUE,
        /** When the gradient mapping at {@code y_k} and the step make an acute angle. */
        GRADIENT
    }

    private final boolean accelerated;
    private final double constantStep;
    private final double initialStep;
    private final double shrink;
    private final int maxBacktracks;
    private final Restart restart;
    private final ProximalOperator regularizer;

    private ProximalGradient(Builder b) {
        this.accelerated = b.accelerated;
        this.constantStep = b.constantStep;
        this.initialStep = b.initialStep;
        this.shrink = b.shrink;
        this.maxBacktracks = b.maxBacktracks;
        this.restart = b.restart;
        this.regularizer = b.regularizer;
    }

    /** @return ISTA with the defaults (backtracking, {@code r = 0} unless given at {@code minimize}). */
    public static ProximalGradient ista() {
        return builder().build();
    }

    /** @return FISTA with the defaults (backtracking, no restart). */
    public static ProximalGradient fista() {
        return builder().accelerated(true).build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.accelerated = accelerated;
        b.constantStep = constantStep;
        b.initialStep = initialStep;
        b.shrink = shrink;
        b.maxBacktracks = maxBacktracks;
        b.restart = restart;
        b.regularizer = regularizer;
        return b;
    }

    /** @return whether this is FISTA. */
    public boolean accelerated() {
        return accelerated;
    }

    /** @return the regularizer used by {@link #minimize(DifferentiableFunction, double[], SolveOptions)}. */
    public ProximalOperator regularizer() {
        return regularizer;
    }

    /** Minimises {@code J + r} with the configured regularizer {@code r} (zero by default). */
    @Override
    public OptimizationResult minimize(DifferentiableFunction f, double[] start, SolveOptions options) {
        return minimize(new CompositeProblem(Functions.requireNonNull("f", f), regularizer), start, options);
    }

    /** Minimises {@code J + r}. */
    public OptimizationResult minimize(DifferentiableFunction smooth, ProximalOperator r, double[] start,
                                       SolveOptions options) {
        return minimize(new CompositeProblem(smooth, r), start, options);
    }

    /** Minimises the composite problem from {@code start} (not modified). */
    public OptimizationResult minimize(CompositeProblem problem, double[] start, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State s = start(problem, start);
        // record the regularizer actually used in the result's configuration
        ProximalGradient self = problem.regularizer() == regularizer ? this
                : toBuilder().regularizer(problem.regularizer()).build();
        RunResult<State> r = Driver.run(self, problem, s, options);
        return OptimizationResult.of(s.x, r, options.toString());
    }

    /**
     * Prepares a state at {@code start} (copied, or its prox when {@code r(start) = +∞}) and evaluates
     * {@code J} and {@code ∇J} there once.
     *
     * @throws IllegalArgumentException for a null problem or a start of the wrong length or not finite
     */
    public State start(CompositeProblem problem, double[] start) {
        Functions.requireNonNull("problem", problem);
        int n = problem.dimension();
        Functions.requireFinite("start", start, n);
        State s = new State(this, n);
        System.arraycopy(start, 0, s.x, 0, n);
        s.t = Double.isNaN(constantStep) ? initialStep : constantStep;
        ProximalOperator r = problem.regularizer();
        s.rx = r.value(s.x);
        if (!Double.isFinite(s.rx)) {
            r.prox(s.x, s.t, s.x);
            s.rx = r.value(s.x);
        }
        s.jx = problem.smooth().valueAndGradient(s.x, s.gx);
        s.countGradients(1);
        copyIterateToExtrapolation(s);
        s.mappingNorm = mappingNorm(r, s);
        return s;
    }

    /**
     * Rebuilds a state saved by {@link State#toCheckpoint()} (iterate, previous and extrapolated points with
     * their values and gradients, step, {@code θ}, counters) for {@code problem}, the problem the run was
     * started with; nothing is evaluated.
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind or of another
     *                                  configuration than {@link #describe()}, or a wrong dimension
     */
    public State restore(CompositeProblem problem, Checkpoint checkpoint) {
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("checkpoint", checkpoint);
        State s = new State(this, problem.dimension());
        s.read(checkpoint);
        return s;
    }

    @Override
    public void step(CompositeProblem problem, State s) {
        DifferentiableFunction f = problem.smooth();
        ProximalOperator r = problem.regularizer();
        int n = s.x.length;
        boolean backtracking = Double.isNaN(constantStep);
        double t = s.t;
        double jp;
        int trial = 0;
        while (true) {
            for (int i = 0; i < n; i++) {
                s.p[i] = s.y[i] - t * s.gy[i];
            }
            r.prox(s.p, t, s.p);
            jp = f.valueAndGradient(s.p, s.gp);
            s.countGradients(1);
            boolean finite = Double.isFinite(jp) && Vectors.allFinite(s.gp);
            if (!finite && !backtracking) {
                // a constant step met a broken function: stay at the last finite iterate
                s.requestTermination(Termination.NON_FINITE);
                s.stepNorm = 0;
                return;
            }
            if (finite && (!backtracking || sufficientDecrease(s, jp, t))) {
                break;
            }
            if (trial == maxBacktracks) {
                s.backtracks += trial;
                // as in every other line search of the library: a last trial that was NaN/∞ met a broken function
                s.requestTermination(finite ? Termination.LINE_SEARCH_FAILED : Termination.NON_FINITE);
                return;
            }
            trial++;
            t *= shrink;
        }
        s.backtracks += trial;
        double previousValue = s.jx + s.rx;
        // rotate buffers: xPrev <- x, x <- p, gx <- gp (no copies, no allocation)
        double[] spare = s.xPrev;
        s.xPrev = s.x;
        s.x = s.p;
        s.p = spare;
        spare = s.gx;
        s.gx = s.gp;
        s.gp = spare;
        s.jx = jp;
        s.rx = r.value(s.x);
        s.t = t;
        s.stepNorm = Vectors.distance(s.x, s.xPrev);
        s.mappingNorm = mappingNorm(r, s);

        if (!accelerated) {
            copyIterateToExtrapolation(s);
            return;
        }
        boolean restartNow = false;
        if (restart == Restart.FUNCTION_VALUE) {
            restartNow = s.jx + s.rx > previousValue;
        } else if (restart == Restart.GRADIENT) {
            double angle = 0;
            for (int i = 0; i < n; i++) {
                angle += (s.y[i] - s.x[i]) * (s.x[i] - s.xPrev[i]);
            }
            restartNow = angle > 0;
        }
        double beta;
        if (restartNow) {
            s.theta = 1.0;
            s.restarts++;
            beta = 0.0;
        } else {
            double next = 0.5 * (1.0 + Math.sqrt(1.0 + 4.0 * s.theta * s.theta));
            beta = (s.theta - 1.0) / next;
            s.theta = next;
        }
        if (beta == 0.0) {
            copyIterateToExtrapolation(s);
        } else {
            for (int i = 0; i < n; i++) {
                s.y[i] = s.x[i] + beta * (s.x[i] - s.xPrev[i]);
            }
            s.jy = f.valueAndGradient(s.y, s.gy);
            s.countGradients(1);
        }
    }

    /**
     * Beck–Teboulle's test {@code J(p) ≤ J(y) + ⟨∇J(y), p − y⟩ + ‖p − y‖²/(2t)}, with the gradient form when the
     * value difference is at rounding level (see the class documentation).
     */
    private static boolean sufficientDecrease(State s, double jp, double t) {
        double lin = 0;
        double dd = 0;
        double curv = 0;
        for (int i = 0; i < s.p.length; i++) {
            double d = s.p[i] - s.y[i];
            lin += s.gy[i] * d;
            dd += d * d;
            curv += (s.gp[i] - s.gy[i]) * d;
        }
        if (dd == 0) {
            return Double.isFinite(jp); // p = y: a fixed point, nothing to test
        }
        double excess = (jp - s.jy - lin) - dd / (2 * t);
        if (excess <= 0) {
            return true;
        }
        // a failure by less than the rounding error of the value test is inconclusive: decide by the gradients
        double rounding = 100 * Math.ulp(1.0) * (Math.abs(jp) + Math.abs(s.jy) + Math.abs(lin));
        return excess <= rounding && curv <= dd / t;
    }

    /**
     * {@code ‖x − prox_{t r}(x − t∇J(x))‖ / t}, using {@code s.p} as scratch. It is evaluated as
     * {@code ‖∇J(x) + (v − prox_{t r}(v))/t‖} with {@code v = x − t∇J(x)}, the same number in exact arithmetic:
     * the direct form cancels to 0 whenever {@code t|∇J(x)|} is below the rounding unit of {@code x} (a tiny
     * gradient, e.g. an objective scaled by 1e-300), which would declare a non-stationary point converged;
     * this form returns {@code ‖∇J(x)‖} exactly where the prox is the identity.
     */
    private static double mappingNorm(ProximalOperator r, State s) {
        double t = s.t;
        for (int i = 0; i < s.x.length; i++) {
            s.p[i] = s.x[i] - t * s.gx[i];
        }
        r.prox(s.p, t, s.p);
        double scale = 0;
        for (int i = 0; i < s.x.length; i++) {
            scale = Math.max(scale, Math.abs(s.gx[i] + ((s.x[i] - t * s.gx[i]) - s.p[i]) / t));
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale == 0 ? 0.0 : Vectors.distance(s.x, s.p) / t;
        }
        double sum = 0;
        for (int i = 0; i < s.x.length; i++) {
            double gi = (s.gx[i] + ((s.x[i] - t * s.gx[i]) - s.p[i]) / t) / scale;
            sum += gi * gi;
        }
        return scale * Math.sqrt(sum);
    }

    private static void copyIterateToExtrapolation(State s) {
        System.arraycopy(s.x, 0, s.y, 0, s.x.length);
        System.arraycopy(s.gx, 0, s.gy, 0, s.gx.length);
        s.jy = s.jx;
    }

    @Override
    public void measure(CompositeProblem problem, State s, Measures out) {
        out.value(s.jx + s.rx).gradientNorm(s.mappingNorm).stepNorm(s.stepNorm).stepSize(s.t)
                .pointNorm(Vectors.norm2(s.x));
    }

    @Override
    public String describe() {
        return "ProximalGradient{" + (accelerated ? "FISTA" : "ISTA")
                + (Double.isNaN(constantStep) ? ", backtracking(initialStep=" + initialStep + ", shrink=" + shrink
                + ", maxBacktracks=" + maxBacktracks + ")" : ", constantStep=" + constantStep)
                + (accelerated ? ", restart=" + restart : "") + ", regularizer=" + regularizer + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state of a proximal gradient run: the iterate {@code x_k} with {@code J}, {@code ∇J} and {@code r}
     * there, the previous iterate, the extrapolated point {@code y_k} with {@code J}, {@code ∇J} there (equal to
     * {@code x_k} for ISTA), the current step and FISTA's {@code θ_k}.
     */
    public static final class State extends IterationState implements Resumable<State> {
        private static final String KIND = "ProximalGradient.State";
        private final ProximalGradient method;
        private double[] x;
        private double[] xPrev;
        private double[] gx;
        private double[] p;
        private double[] gp;
        private final double[] y;
        private final double[] gy;
        private double jx;
        private double rx;
        private double jy;
        private double t;
        private double theta = 1.0;
        private double mappingNorm = Double.NaN;
        private double stepNorm = Double.NaN;
        private int restarts;
        private long backtracks;

        State(ProximalGradient method, int n) {
            this.method = method;
            x = new double[n];
            xPrev = new double[n];
            gx = new double[n];
            p = new double[n];
            gp = new double[n];
            y = new double[n];
            gy = new double[n];
        }

        /** @return the current iterate {@code x_k} (live buffer: do not modify). */
        public double[] point() { return x; }
        /** @return {@code ∇J(x_k)} (live buffer: do not modify). */
        public double[] gradient() { return gx; }
        /** @return {@code F(x_k) = J(x_k) + r(x_k)}. */
        public double value() { return jx + rx; }
        /** @return {@code J(x_k)}. */
        public double smoothValue() { return jx; }
        /** @return the current step {@code t}. */
        public double step() { return t; }
        /** @return the norm of the gradient mapping at {@code x_k} with step {@link #step()}. */
        public double gradientMappingNorm() { return mappingNorm; }
        /** @return FISTA's momentum parameter {@code θ_k}. */
        public double theta() { return theta; }
        /** @return how many times FISTA restarted. */
        public int restarts() { return restarts; }
        /** @return how many step reductions the backtracking made in total. */
        public long backtracks() { return backtracks; }

        @Override
        public State copy() {
            State c = new State(method, x.length);
            c.read(toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        /** The trial point and its gradient are scratch, overwritten by every step, and are not saved. */
        @Override
        public Checkpoint toCheckpoint() {
            return checkpointBuilder(KIND, method.describe()).put("x", x).put("previousX", xPrev).put("gradient", gx)
                    .put("y", y).put("gradientY", gy).putDouble("smoothValue", jx).putDouble("regularizerValue", rx)
                    .putDouble("smoothValueY", jy).putDouble("step", t).putDouble("theta", theta)
                    .putDouble("mappingNorm", mappingNorm).putDouble("stepNorm", stepNorm).put("restarts", restarts)
                    .put("backtracks", backtracks).build();
        }

        private void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("x", x);
            c.doublesInto("previousX", xPrev);
            c.doublesInto("gradient", gx);
            c.doublesInto("y", y);
            c.doublesInto("gradientY", gy);
            jx = c.doubleValue("smoothValue");
            rx = c.doubleValue("regularizerValue");
            jy = c.doubleValue("smoothValueY");
            t = c.doubleValue("step");
            theta = c.doubleValue("theta");
            mappingNorm = c.doubleValue("mappingNorm");
            stepNorm = c.doubleValue("stepNorm");
            restarts = (int) c.longValue("restarts");
            backtracks = c.longValue("backtracks");
        }
    }

    /** Builder with validated setters; each names its argument in the exception it throws. */
    public static final class Builder {
        private boolean accelerated;
        private double constantStep = Double.NaN;
        private double initialStep = 1.0;
        private double shrink = 0.5;
        private int maxBacktracks = 60;
        private Restart restart = Restart.NONE;
        private ProximalOperator regularizer = CompositeProblem.ZERO;

        private Builder() {
        }

        /** FISTA when true, ISTA when false (default false). */
        public Builder accelerated(boolean on) {
            this.accelerated = on;
            return this;
        }

        /** A constant step {@code t > 0} (no backtracking); converges for {@code t ≤ 1/L}. */
        public Builder constantStep(double t) {
            this.constantStep = Functions.requirePositive("constantStep", t);
            return this;
        }

        /** The constant step {@code t = 1/L} for a known Lipschitz constant {@code L > 0} of {@code ∇J}. */
        public Builder lipschitz(double lipschitz) {
            double t = 1.0 / Functions.requirePositive("lipschitz", lipschitz);
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("lipschitz = " + lipschitz + " gives the step 1/lipschitz = " + t
                        + ", expected a number > 1/Double.MAX_VALUE = " + 1 / Double.MAX_VALUE + " (a finite step)");
            }
            this.constantStep = t;
            return this;
        }

        /**
         * Beck–Teboulle backtracking (the default) with first trial step {@code initialStep > 0} (default 1) and
         * reduction factor {@code shrink ∈ (0, 1)} (default 0.5).
         */
        public Builder backtracking(double initialStep, double shrink) {
            this.initialStep = Functions.requirePositive("initialStep", initialStep);
            this.shrink = Functions.requireOpenRange("shrink", shrink, 0, 1);
            this.constantStep = Double.NaN;
            return this;
        }

        /** Step reductions allowed per iteration, at least 1 (default 60). */
        public Builder maxBacktracks(int n) {
            this.maxBacktracks = Functions.requireAtLeast("maxBacktracks", n, 1);
            return this;
        }

        /** FISTA's restart rule (default {@link Restart#NONE}; ignored by ISTA). */
        public Builder restart(Restart r) {
            this.restart = Functions.requireNonNull("restart", r);
            return this;
        }

        /** The regularizer {@code r} used by the {@link Optimizer} entry point (default {@code r = 0}). */
        public Builder regularizer(ProximalOperator r) {
            this.regularizer = Functions.requireNonNull("regularizer", r);
            return this;
        }

        public ProximalGradient build() {
            return new ProximalGradient(this);
        }
    }
}
