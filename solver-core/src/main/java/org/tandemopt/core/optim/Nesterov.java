package org.tandemopt.core.optim;

import java.util.List;

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
 * Nesterov's accelerated gradient method, Yu. Nesterov, "A method of solving a convex programming problem
 * with convergence rate O(1/k²)", Soviet Mathematics Doklady 27, 1983, in the form with the {@code t_k}
 * sequence (as in Beck and Teboulle's FISTA without a prox):
 * <pre>
 *   y_k     = x_k + ((t_k − 1) / t_{k+1}) (x_k − x_{k−1}),   t_{k+1} = (1 + √(1 + 4 t_k²)) / 2,   t_0 = 1
 *   x_{k+1} = y_k − η ∇J(y_k),                                 η = 1/L
 * </pre>
 * On convex {@code L}-smooth functions {@code J(x_k) − J* ≤ 2L‖x_0 − x*‖² / (k + 1)²}.
 *
 * <p>Adaptive restart (B. O'Donoghue, E. Candès, "Adaptive restart for accelerated gradient schemes",
 * Foundations of Computational Mathematics 15, 2015), function scheme: when {@code J(x_{k+1}) > J(x_k)} the
 * momentum is dropped ({@code t ← 1}, {@code x_k ← x_{k+1}}), which recovers linear convergence on strongly
 * convex functions without knowing {@code μ} and removes the oscillations of the plain scheme. Restarts are
 * counted and reported as the extra quantity {@code "restarts"}.
 *
 * <p>Costs: one gradient at {@code y_k} (skipped when the momentum term is zero: {@code y_k = x_k}) and one
 * value-and-gradient at {@code x_{k+1}}, which the monitor and the restart test need.
 *
 * <p>When to use: convex smooth problems with a known Lipschitz constant of {@code ∇J}; it is the method of
 * choice when only gradients are available and {@code L} is known. Defaults: the step has none
 * (it is {@code 1/L}); restart on.
 *
 * <pre>{@code
 * Nesterov agd = Nesterov.builder(1.0 / L).build();
 * OptimizationResult r = agd.minimize(f, x0);
 * }</pre>
 */
public final class Nesterov implements Optimizer, IterativeAlgorithm<DifferentiableFunction, Nesterov.State> {

    private final double step;
    private final boolean restart;

    private Nesterov(Builder b) {
        this.step = b.step;
        this.restart = b.restart;
    }

    /**
     * @param step the step {@code η = 1/L > 0}
     * @return a builder with that step and restart on
     */
    public static Builder builder(double step) {
        return new Builder(step);
    }

    public double step() { return step; }
    public boolean restart() { return restart; }

    /**
     * Prepares a state at {@code start} (copied); evaluates the value and gradient once.
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
     * {@code t_k}, restarts, counters) for {@code f}, the function the run was started with; nothing is
     * evaluated.
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
        int n = s.x.length;
        double tNext = (1 + Math.sqrt(1 + 4 * s.t * s.t)) / 2;
        double beta = (s.t - 1) / tNext;
        double[] y = s.y;
        double[] gy = s.gy;
        s.kept.keep(s.x, s.g, s.value);
        if (beta == 0) {
            System.arraycopy(s.x, 0, y, 0, n);
            System.arraycopy(s.g, 0, gy, 0, n);
        } else {
            for (int i = 0; i < n; i++) {
                y[i] = s.x[i] + beta * (s.x[i] - s.xPrev[i]);
            }
            f.valueAndGradient(y, gy);
            s.countGradients(1);
            if (!Vectors.allFinite(gy)) {
                // the extrapolated point is broken: stay at x_k rather than step along a NaN gradient
                s.requestTermination(org.tandemopt.core.monitor.Termination.NON_FINITE);
                s.stepNorm = 0;
                return;
            }
        }
        // xPrev <- x; x <- y − η ∇J(y)
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double old = s.x[i];
            double next = y[i] - step * gy[i];
            s.xPrev[i] = old;
            s.x[i] = next;
            sq += (next - old) * (next - old);
        }
        s.stepNorm = Math.sqrt(sq);
        double previousValue = s.value;
        s.value = f.valueAndGradient(s.x, s.g);
        s.countGradients(1);
        if (s.kept.restoreIfNonFinite(s.value, s.x, s.g, s)) {
            s.value = s.kept.value();
            s.stepNorm = 0;
            return;
        }
        if (restart && s.value > previousValue) {
            s.t = 1;
            System.arraycopy(s.x, 0, s.xPrev, 0, n);
            s.restarts++;
        } else {
            s.t = tNext;
        }
    }

    @Override
    public void measure(DifferentiableFunction f, State s, Measures out) {
        out.value(s.value).gradientNorm(Vectors.norm2(s.g)).stepNorm(s.stepNorm).stepSize(step)
                .pointNorm(Vectors.norm2(s.x)).extra(0, s.restarts);
    }

    @Override
    public List<String> extraNames() {
        return List.of("restarts");
    }

    @Override
    public String describe() {
        return "Nesterov{step=" + step + ", restart=" + restart + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state: iterate, previous iterate, extrapolated point, gradients, {@code t_k} and the restart count;
     * copyable and checkpointable (the extrapolated point and its gradient are scratch, recomputed by every
     * step, and not saved).
     */
    public static final class State extends IterationState implements Resumable<State> {
        private static final String KIND = "Nesterov.State";
        private final Nesterov method;
        private final double[] x;
        private final double[] xPrev;
        private final double[] g;
        private final double[] y;
        private final double[] gy;
        private final LastFinite kept;
        private double value;
        private double t = 1;
        private double stepNorm = Double.NaN;
        private long restarts;

        State(Nesterov method, double[] start) {
            int n = start.length;
            this.method = method;
            this.x = start.clone();
            this.xPrev = start.clone();
            this.g = new double[n];
            this.y = new double[n];
            this.gy = new double[n];
            this.kept = new LastFinite(n);
        }

        /** @return the current iterate (live buffer: do not modify). */
        public double[] point() { return x; }
        /** @return the gradient at the iterate (live buffer: do not modify). */
        public double[] gradient() { return g; }
        /** @return the objective at the iterate. */
        public double value() { return value; }
        /** @return the current {@code t_k}. */
        public double t() { return t; }
        /** @return the number of restarts so far. */
        public long restarts() { return restarts; }

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
                    .putDouble("value", value).putDouble("t", t).putDouble("stepNorm", stepNorm)
                    .put("restarts", restarts).build();
        }

        private void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("x", x);
            c.doublesInto("previousX", xPrev);
            c.doublesInto("gradient", g);
            value = c.doubleValue("value");
            t = c.doubleValue("t");
            stepNorm = c.doubleValue("stepNorm");
            restarts = c.longValue("restarts");
        }
    }

    /** Validated builder. */
    public static final class Builder {
        private final double step;
        private boolean restart = true;

        private Builder(double step) {
            this.step = Functions.requirePositive("step", step);
        }

        /** Whether to restart when the value increases (default true). */
        public Builder restart(boolean on) {
            this.restart = on;
            return this;
        }

        public Nesterov build() {
            return new Nesterov(this);
        }
    }
}
