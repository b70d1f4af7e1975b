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

/**
 * Polyak's heavy-ball method, B. T. Polyak, "Some methods of speeding up the convergence of iteration
 * methods", USSR Computational Mathematics and Mathematical Physics 4(5), 1964:
 * <pre>
 *   x_{k+1} = x_k − α ∇J(x_k) + β (x_k − x_{k−1}),      x_{−1} = x_0,
 * </pre>
 * with a constant step {@code α > 0} and momentum {@code β ∈ [0, 1)}. One gradient evaluation per iteration.
 *
 * <p>When to use: smooth problems whose curvature bounds {@code μ ≤ ∇²J ≤ L} are known. With Polyak's
 * parameters {@code α = 4/(√L + √μ)²}, {@code β = ((√L − √μ)/(√L + √μ))²} ({@link #forCurvature}) it converges
 * locally at the rate {@code (√κ − 1)/(√κ + 1)}, {@code κ = L/μ}, the optimal rate for quadratics. It is not a
 * descent method and is not globally convergent on every strongly convex function; with constant parameters
 * on non-convex problems with strongly varying curvature (Rosenbrock) it is fragile — prefer {@link LBFGS}
 * there. Its state also serves the bilevel module as an inner algorithm whose state holds more than the
 * iterate.
 *
 * <p>Defaults: the step has none (it must match the problem's smoothness); momentum {@code β = 0.9}.
 *
 * <pre>{@code
 * HeavyBall hb = HeavyBall.forCurvature(1000, 1);           // L = 1000, μ = 1
 * OptimizationResult r = hb.minimize(f, x0, SolveOptions.builder().maxIterations(5000).build());
 * }</pre>
 */
public final class HeavyBall implements Optimizer, IterativeAlgorithm<DifferentiableFunction, HeavyBall.State> {

    private final double step;
    private final double momentum;

    private HeavyBall(Builder b) {
        this.step = b.step;
        this.momentum = b.momentum;
    }

    /**
     * @param step the step {@code α > 0}
     * @return a builder with that step and the default momentum 0.9
     */
    public static Builder builder(double step) {
        return new Builder(step);
    }

    /**
     * Polyak's tuned parameters for curvature in {@code [μ, L]}.
     *
     * @param lipschitz the gradient's Lipschitz constant {@code L > 0}
     * @param strongConvexity {@code 0 < μ ≤ L}
     */
    public static HeavyBall forCurvature(double lipschitz, double strongConvexity) {
        Functions.requirePositive("lipschitz", lipschitz);
        Functions.requirePositive("strongConvexity", strongConvexity);
        if (strongConvexity > lipschitz) {
            throw new IllegalArgumentException("strongConvexity = " + strongConvexity + " exceeds lipschitz = "
                    + lipschitz);
        }
        double sl = Math.sqrt(lipschitz);
        double sm = Math.sqrt(strongConvexity);
        double beta = (sl - sm) / (sl + sm);
        return builder(4 / ((sl + sm) * (sl + sm))).momentum(beta * beta).build();
    }

    public double step() { return step; }
    public double momentum() { return momentum; }

    /**
     * Prepares a state at {@code start} (copied) with zero momentum; evaluates the value and gradient once.
     *
     * @throws IllegalArgumentException for a null function or a start of the wrong length or not finite
     */
    public State start(DifferentiableFunction f, double[] start) {
        Functions.requireNonNull("f", f);
        Functions.requireFinite("start", start, f.dimension());
        State s = new State(this, start);
        s.value = f.valueAndGradient(s.x, s.g);
        s.countGradients(1);
        return s;
    }

    /**
     * Rebuilds a state saved by {@link State#toCheckpoint()} (iterate, previous iterate, gradient, value,
     * counters) for {@code f}, the function the run was started with; nothing is evaluated.
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind or of another
     *                                  configuration than {@link #describe()}, or a wrong dimension
     */
    public State restore(DifferentiableFunction f, Checkpoint checkpoint) {
        Functions.requireNonNull("f", f);
        Functions.requireNonNull("checkpoint", checkpoint);
        State s = new State(this, new double[f.dimension()]);
        s.read(checkpoint);
        return s;
    }

    @Override
    public OptimizationResult minimize(DifferentiableFunction f, double[] start, SolveOptions options) {
        Functions.requireNonNull("options", options);
        State s = start(f, start);
        RunResult<State> r = Driver.run(this, f, s, options);
        return OptimizationResult.of(s.x, r, options.toString());
    }

    @Override
    public void step(DifferentiableFunction f, State s) {
        double[] x = s.x;
        double[] prev = s.xPrev;
        s.kept.keep(x, s.g, s.value);
        double sq = 0;
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double next = xi - step * s.g[i] + momentum * (xi - prev[i]);
            prev[i] = xi;
            x[i] = next;
            sq += (next - xi) * (next - xi);
        }
        s.stepNorm = Math.sqrt(sq);
        s.value = f.valueAndGradient(x, s.g);
        s.countGradients(1);
        if (s.kept.restoreIfNonFinite(s.value, x, s.g, s)) {
            s.value = s.kept.value();
            s.stepNorm = 0;
        }
    }

    @Override
    public void measure(DifferentiableFunction f, State s, Measures out) {
        out.value(s.value).gradientNorm(Vectors.norm2(s.g)).stepNorm(s.stepNorm).stepSize(step)
                .pointNorm(Vectors.norm2(s.x));
    }

    @Override
    public String describe() {
        return "HeavyBall{step=" + step + ", momentum=" + momentum + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** The state: iterate, previous iterate, gradient and value at the iterate; copyable and checkpointable. */
    public static final class State extends IterationState implements Resumable<State> {
        private static final String KIND = "HeavyBall.State";
        private final HeavyBall method;
        private final double[] x;
        private final double[] xPrev;
        private final double[] g;
        private final LastFinite kept;
        private double value;
        private double stepNorm = Double.NaN;

        State(HeavyBall method, double[] start) {
            this.method = method;
            this.x = start.clone();
            this.xPrev = start.clone();
            this.g = new double[start.length];
            this.kept = new LastFinite(start.length);
        }

        /** @return the current iterate (live buffer: do not modify). */
        public double[] point() { return x; }
        /** @return the previous iterate (live buffer: do not modify). */
        public double[] previousPoint() { return xPrev; }
        /** @return the gradient at the iterate (live buffer: do not modify). */
        public double[] gradient() { return g; }
        /** @return the objective at the iterate. */
        public double value() { return value; }

        @Override
        public State copy() {
            State c = new State(method, x);
            c.read(toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        @Override
        public Checkpoint toCheckpoint() {
            return checkpointBuilder(KIND, method.describe()).put("x", x).put("previousX", xPrev).put("gradient", g)
                    .putDouble("value", value).putDouble("stepNorm", stepNorm).build();
        }

        private void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("x", x);
            c.doublesInto("previousX", xPrev);
            c.doublesInto("gradient", g);
            value = c.doubleValue("value");
            stepNorm = c.doubleValue("stepNorm");
        }
    }

    /** Validated builder. */
    public static final class Builder {
        private final double step;
        private double momentum = 0.9;

        private Builder(double step) {
            this.step = Functions.requirePositive("step", step);
        }

        /** Momentum {@code β ∈ [0, 1)} (default 0.9). */
        public Builder momentum(double beta) {
            this.momentum = Functions.requireFraction("momentum", beta);
            return this;
        }

        public HeavyBall build() {
            return new HeavyBall(this);
        }
    }
}
