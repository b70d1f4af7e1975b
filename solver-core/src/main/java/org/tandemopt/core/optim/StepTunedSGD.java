package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * Step-tuned SGD (Castera, Bolte, Févotte, Pauwels, "Second-order step-size tuning of SGD for non-convex
 * optimization", Neural Processing Letters 54, 2022): SGD whose step is tuned from a curvature estimate along
 * the last move, obtained from two gradients on the <em>same</em> mini-batch (a Barzilai–Borwein-like ratio made
 * robust to noise by an exponential average). Iteration {@code k = 0, 1, ...}:
 *
 * <pre>
 *   s_k   = α γ_k / (k + 1)^{1/2 + δ}
 *   θ½    = θ_k − s_k g(θ_k)
 *   θ_{k+1} = θ½ − s_k g(θ½)                                   (same mini-batch for both gradients)
 *   G     ← β G + (1 − β)(g(θ½) − g(θ_k)),     Ĝ = G / (1 − β^{k+1})
 *   γ_{k+1} = clip_[m, M]( ‖θ½ − θ_k‖² / ⟨Ĝ, θ½ − θ_k⟩ )  if ⟨Ĝ, θ½ − θ_k⟩ > 0,   else clip_[m, M](ν)
 * </pre>
 *
 * with {@code γ_0 = 1}, {@code G_0 = 0}. The ratio is an inverse curvature along the move; where the loss looks
 * locally concave the large step {@code ν} is used. Two gradients per iteration. Use it for nonconvex training
 * losses with mini-batches ({@link #minimize(StochasticObjective, int, long, double[], SolveOptions)}); the
 * decay {@code (k+1)^{−1/2−δ}} is what its convergence theory needs.
 *
 * <p>Defaults (the paper's): {@code ν = 2}, {@code β = 0.9}, {@code m = 0.5}, {@code M = 2},
 * {@code δ = 0.001}. The paper tunes the base step {@code α} per problem and gives no default; ours is
 * {@code α = 0.1}.
 *
 * <p>Reported: value {@code J(θ_k)} and {@code ‖∇J(θ_k)‖} (mini-batch estimates when stochastic), the step
 * {@code s_k}, and the extra quantity {@code "gamma"} ({@code γ_k}). Immutable and thread-safe; a run allocates
 * nothing per iteration.
 *
 * <p>Snapshots: a {@link State} can be {@link State#copy() copied} and saved as a {@link Checkpoint} (see
 * {@link #restore(DifferentiableFunction, Checkpoint)}); a mini-batch run is saved as its seed, batch size and
 * the number of batches drawn, and its sampler is rebuilt by replaying those draws, so a resumed mini-batch
 * run continues bit for bit as well.
 */
public final class StepTunedSGD extends LearningRateMethod<StepTunedSGD.State> {

    private static final java.util.List<String> EXTRAS = java.util.List.of("gamma");

    private final double alpha;
    private final double nu;
    private final double beta;
    private final double lower;
    private final double upper;
    private final double delta;

    private StepTunedSGD(Builder b) {
        this.alpha = b.alpha;
        this.nu = b.nu;
        this.beta = b.beta;
        this.lower = b.lower;
        this.upper = b.upper;
        this.delta = b.delta;
    }

    /** @return step-tuned SGD with every default. */
    public static StepTunedSGD defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    State newState(int n) {
        return new State(this, n);
    }

    @Override
    void initialize(State s, double[] start) {
        System.arraycopy(start, 0, s.theta, 0, start.length);
        s.gamma = 1.0;
        s.source.nextBatch();
        s.value = s.source.valueAndGradient(s.theta, s.g);
    }

    /**
     * Takes one iteration. The gradients come from the source the state was started with (the function given
     * to {@code start}, or the mini-batches of a {@link StochasticObjective}); {@code f} is not consulted.
     */
    @Override
    public void step(DifferentiableFunction f, State s) {
        long k = s.steps++; // own counter: correct when stepping by hand, outside the driver
        int n = s.theta.length;
        double step = alpha * s.gamma / Math.pow(k + 1, 0.5 + delta);
        for (int i = 0; i < n; i++) {
            s.half[i] = s.theta[i] - step * s.g[i];
        }
        s.kept().keep(s.theta, s.g, s.value);
        s.source.valueAndGradient(s.half, s.gHalf); // same batch as g(θ_k)
        if (!Vectors.allFinite(s.gHalf)) {
            // the half step met a broken function: stay at θ_k rather than step along a NaN gradient
            s.requestTermination(org.tandemopt.core.monitor.Termination.NON_FINITE);
            s.stepNorm = 0;
            return;
        }
        double correction = 1 - Math.pow(beta, k + 1);
        double moveSq = 0;
        double curvature = 0;
        double step2 = 0;
        for (int i = 0; i < n; i++) {
            s.bigG[i] = beta * s.bigG[i] + (1 - beta) * (s.gHalf[i] - s.g[i]);
            double move = s.half[i] - s.theta[i];
            moveSq += move * move;
            curvature += (s.bigG[i] / correction) * move;
            double next = s.half[i] - step * s.gHalf[i];
            double dx = next - s.theta[i];
            step2 += dx * dx;
            s.theta[i] = next;
        }
        double gamma = curvature > 0 ? moveSq / curvature : nu;
        s.gamma = Math.min(Math.max(gamma, lower), upper);
        s.stepSize = step;
        s.stepNorm = Math.sqrt(step2);
        s.source.nextBatch();
        s.value = s.source.valueAndGradient(s.theta, s.g);
        if (s.kept().restoreIfNonFinite(s.value, s.theta, s.g, s)) {
            s.value = s.kept().value();
            s.stepNorm = 0;
        }
    }

    @Override
    public void measure(DifferentiableFunction f, State s, Measures out) {
        out.value(s.value).gradientNorm(Vectors.norm2(s.g)).stepNorm(s.stepNorm).stepSize(s.stepSize)
                .pointNorm(Vectors.norm2(s.theta)).extra(0, s.gamma);
    }

    @Override
    public java.util.List<String> extraNames() {
        return EXTRAS;
    }

    @Override
    public String describe() {
        return "StepTunedSGD{alpha=" + alpha + ", nu=" + nu + ", beta=" + beta + ", m=" + lower + ", M=" + upper
                + ", delta=" + delta + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state of a step-tuned SGD run: {@code θ_k}, the gradient there, the averaged difference {@code G},
     * {@code γ_k}, the step count and the gradient source; copyable and checkpointable (the half-step point and
     * its gradient are scratch and not saved).
     */
    public static final class State extends LearningRateMethod.LearningState implements Resumable<State> {
        private static final String KIND = "StepTunedSGD.State";
        private final StepTunedSGD method;
        private final double[] theta;
        private final double[] g;
        private final double[] half;
        private final double[] gHalf;
        private final double[] bigG;
        private double value;
        private double gamma;
        private double stepNorm = Double.NaN;
        private double stepSize = Double.NaN;
        private long steps;

        State(StepTunedSGD method, int n) {
            this.method = method;
            theta = new double[n];
            g = new double[n];
            half = new double[n];
            gHalf = new double[n];
            bigG = new double[n];
        }

        /** @return {@code θ_k} (live buffer: do not modify). */
        @Override public double[] point() { return theta; }
        /** @return the gradient at {@code θ_k} (live buffer: do not modify). */
        public double[] gradient() { return g; }
        /** @return {@code J(θ_k)}. */
        public double value() { return value; }
        /** @return the tuned factor {@code γ_k}. */
        public double gamma() { return gamma; }
        /** @return iterations taken, {@code k}. */
        public long steps() { return steps; }

        @Override
        public State copy() {
            State c = new State(method, theta.length);
            c.source = source.copyFor(c);
            c.read(toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        @Override
        public Checkpoint toCheckpoint() {
            Checkpoint.Builder b = checkpointBuilder(KIND, method.describe()).put("theta", theta).put("gradient", g)
                    .put("averagedDifference", bigG).putDouble("value", value).putDouble("gamma", gamma)
                    .putDouble("stepNorm", stepNorm).putDouble("stepSize", stepSize).put("steps", steps);
            source.write(b);
            return b.build();
        }

        @Override
        void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("theta", theta);
            c.doublesInto("gradient", g);
            c.doublesInto("averagedDifference", bigG);
            value = c.doubleValue("value");
            gamma = c.doubleValue("gamma");
            stepNorm = c.doubleValue("stepNorm");
            stepSize = c.doubleValue("stepSize");
            steps = c.longValue("steps");
        }
    }

    /** Builder with validated setters; each names its argument in the exception it throws. */
    public static final class Builder {
        private double alpha = 0.1;
        private double nu = 2;
        private double beta = 0.9;
        private double lower = 0.5;
        private double upper = 2;
        private double delta = 0.001;

        private Builder() {
        }

        /** The base step {@code α > 0} (default 0.1; tune it). */
        public Builder alpha(double alpha) {
            this.alpha = Functions.requirePositive("alpha", alpha);
            return this;
        }

        /** The factor {@code ν > 0} used where the curvature estimate is not positive (default 2). */
        public Builder nu(double nu) {
            this.nu = Functions.requirePositive("nu", nu);
            return this;
        }

        /** The averaging {@code β ∈ [0, 1)} of gradient differences (default 0.9). */
        public Builder beta(double beta) {
            this.beta = Functions.requireFraction("beta", beta);
            return this;
        }

        /** The clipping interval {@code 0 < m ≤ M} of {@code γ_k} (default [0.5, 2]). */
        public Builder bounds(double m, double bigM) {
            Functions.requirePositive("m", m);
            Functions.requirePositive("M", bigM);
            if (m > bigM) {
                throw new IllegalArgumentException("m = " + m + ", expected m <= M = " + bigM);
            }
            this.lower = m;
            this.upper = bigM;
            return this;
        }

        /** The decay exponent offset {@code δ ∈ (0, 1/2]} in {@code (k+1)^{−1/2−δ}} (default 0.001). */
        public Builder delta(double delta) {
            if (!(delta > 0 && delta <= 0.5)) {
                throw new IllegalArgumentException("delta = " + delta + ", expected a number in (0, 0.5]");
            }
            this.delta = delta;
            return this;
        }

        public StepTunedSGD build() {
            return new StepTunedSGD(this);
        }
    }
}
