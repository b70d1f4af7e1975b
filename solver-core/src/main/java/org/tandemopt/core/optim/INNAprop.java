package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * INNAprop (Bolte, Castera, Pauwels et al., "A second-order-like optimizer with adaptive gradient scaling for
 * deep learning", 2024): the inertial Newton dynamics of {@link INNA} with RMSprop's per-coordinate gradient
 * scaling and AdamW's decoupled weight decay. With learning rate {@code η}, iteration {@code t = 1, 2, ...} and
 * {@code g = ∇J(θ)} at the iterate before the step:
 *
 * <pre>
 *   θ ← θ (1 − η λ)                                                   (decoupled weight decay)
 *   v ← σ v + (1 − σ) g²,        d = √(v / (1 − σ^t)) + ε             (RMSprop, bias-corrected)
 *   ψ ← (1 − η/β) ψ + η (1/β − α) θ
 *   θ ← (1 + η(1 − αβ)/(β − η)) θ − (η/(β − η)) ψ − η β g / d
 * </pre>
 *
 * with {@code ψ_0 = (1 − αβ) θ_0}, {@code v_0 = 0}, operations on vectors entrywise, and the {@code ψ} and
 * {@code θ} lines using the decayed {@code θ}. Memory: three vectors, like AdamW; one gradient per iteration.
 * Use it where AdamW is used (training losses with mini-batch gradients, see
 * {@link #minimize(StochasticObjective, int, long, double[], SolveOptions)}); it is not a fast deterministic
 * optimizer.
 *
 * <p>Defaults (those of the paper's reference implementation): {@code η = 1e−3}, {@code α = 0.1},
 * {@code β = 0.9}, {@code σ = 0.999}, {@code ε = 1e−8}, weight decay {@code λ = 0.01}. The step requires
 * {@code η < β}. With {@code λ > 0} the fixed points are not the critical points of {@code J} (they are those of
 * an implicitly regularised objective), so a gradient-norm criterion may never fire: set
 * {@code weightDecay(0)} to minimise {@code J} itself.
 *
 * <p>Reported: value {@code J(θ_k)} and {@code ‖∇J(θ_k)‖} (mini-batch estimates when stochastic). Immutable
 * and thread-safe; a run allocates nothing per iteration.
 *
 * <p>Snapshots: a {@link State} can be {@link State#copy() copied} and saved as a {@link Checkpoint} (see
 * {@link #restore(DifferentiableFunction, Checkpoint)}); a mini-batch run is saved as its seed, batch size and
 * the number of batches drawn, and its sampler is rebuilt by replaying those draws, so a resumed mini-batch
 * run continues bit for bit as well.
 */
public final class INNAprop extends LearningRateMethod<INNAprop.State> {

    private final double lr;
    private final double alpha;
    private final double beta;
    private final double sigma;
    private final double epsilon;
    private final double weightDecay;

    private INNAprop(Builder b) {
        this.lr = b.lr;
        this.alpha = b.alpha;
        this.beta = b.beta;
        this.sigma = b.sigma;
        this.epsilon = b.epsilon;
        this.weightDecay = b.weightDecay;
        if (!(lr < beta)) {
            throw new IllegalArgumentException("learningRate = " + lr + ", expected a value < beta = " + beta
                    + " (the update divides by beta − learningRate)");
        }
    }

    /** @return INNAprop with every default. */
    public static INNAprop defaults() {
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
        for (int i = 0; i < start.length; i++) {
            s.psi[i] = (1 - alpha * beta) * start[i];
        }
        s.source.nextBatch();
        s.value = s.source.valueAndGradient(s.theta, s.g);
    }

    /**
     * Takes one iteration. The gradients come from the source the state was started with (the function given
     * to {@code start}, or the mini-batches of a {@link StochasticObjective}); {@code f} is not consulted.
     */
    @Override
    public void step(DifferentiableFunction f, State s) {
        long t = ++s.steps; // own counter: correct when stepping by hand, outside the driver
        s.kept().keep(s.theta, s.g, s.value);
        double decay = 1 - lr * weightDecay;
        double correction = 1 - Math.pow(sigma, t);
        double psiKeep = 1 - lr / beta;
        double psiGain = lr * (1 / beta - alpha);
        double thetaGain = 1 + lr * (1 - alpha * beta) / (beta - lr);
        double psiCoupling = lr / (beta - lr);
        double gradGain = lr * beta;
        double step2 = 0;
        for (int i = 0; i < s.theta.length; i++) {
            double gi = s.g[i];
            double th = s.theta[i] * decay;
            double vi = sigma * s.v[i] + (1 - sigma) * gi * gi;
            s.v[i] = vi;
            double d = Math.sqrt(vi / correction) + epsilon;
            double ps = psiKeep * s.psi[i] + psiGain * th;
            s.psi[i] = ps;
            double next = thetaGain * th - psiCoupling * ps - gradGain * gi / d;
            double dx = next - s.theta[i];
            step2 += dx * dx;
            s.theta[i] = next;
        }
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
        out.value(s.value).gradientNorm(Vectors.norm2(s.g)).stepNorm(s.stepNorm).stepSize(lr)
                .pointNorm(Vectors.norm2(s.theta));
    }

    @Override
    public String describe() {
        return "INNAprop{learningRate=" + lr + ", alpha=" + alpha + ", beta=" + beta + ", sigma=" + sigma
                + ", epsilon=" + epsilon + ", weightDecay=" + weightDecay + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state of an INNAprop run: {@code θ}, {@code ψ}, the second-moment estimate {@code v}, the gradient, the
     * step count and the gradient source; copyable and checkpointable.
     */
    public static final class State extends LearningRateMethod.LearningState implements Resumable<State> {
        private static final String KIND = "INNAprop.State";
        private final INNAprop method;
        private final double[] theta;
        private final double[] psi;
        private final double[] v;
        private final double[] g;
        private double value;
        private double stepNorm = Double.NaN;
        private long steps;

        State(INNAprop method, int n) {
            this.method = method;
            theta = new double[n];
            psi = new double[n];
            v = new double[n];
            g = new double[n];
        }

        /** @return {@code θ_k} (live buffer: do not modify). */
        @Override public double[] point() { return theta; }
        /** @return {@code ψ_k} (live buffer: do not modify). */
        public double[] auxiliary() { return psi; }
        /** @return the second-moment estimate {@code v_k} (live buffer: do not modify). */
        public double[] secondMoment() { return v; }
        /** @return the gradient at {@code θ_k} (live buffer: do not modify). */
        public double[] gradient() { return g; }
        /** @return {@code J(θ_k)}. */
        public double value() { return value; }
        /** @return steps taken, {@code t} of the last bias correction. */
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
            Checkpoint.Builder b = checkpointBuilder(KIND, method.describe()).put("theta", theta).put("psi", psi)
                    .put("secondMoment", v).put("gradient", g).putDouble("value", value)
                    .putDouble("stepNorm", stepNorm).put("steps", steps);
            source.write(b);
            return b.build();
        }

        @Override
        void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("theta", theta);
            c.doublesInto("psi", psi);
            c.doublesInto("secondMoment", v);
            c.doublesInto("gradient", g);
            value = c.doubleValue("value");
            stepNorm = c.doubleValue("stepNorm");
            steps = c.longValue("steps");
        }
    }

    /** Builder with validated setters; each names its argument in the exception it throws. */
    public static final class Builder {
        private double lr = 1e-3;
        private double alpha = 0.1;
        private double beta = 0.9;
        private double sigma = 0.999;
        private double epsilon = 1e-8;
        private double weightDecay = 0.01;

        private Builder() {
        }

        /** The learning rate {@code 0 < η < β} (default 1e−3). */
        public Builder learningRate(double lr) {
            this.lr = Functions.requirePositive("learningRate", lr);
            return this;
        }

        /** The viscous damping {@code α ≥ 0} (default 0.1). */
        public Builder alpha(double alpha) {
            this.alpha = Functions.requireNonNegative("alpha", alpha);
            return this;
        }

        /** The Newtonian damping {@code β > η} (default 0.9). */
        public Builder beta(double beta) {
            this.beta = Functions.requirePositive("beta", beta);
            return this;
        }

        /** The second-moment averaging {@code σ ∈ [0, 1)} (default 0.999). */
        public Builder sigma(double sigma) {
            this.sigma = Functions.requireFraction("sigma", sigma);
            return this;
        }

        /** The denominator guard {@code ε > 0} (default 1e−8). */
        public Builder epsilon(double epsilon) {
            this.epsilon = Functions.requirePositive("epsilon", epsilon);
            return this;
        }

        /** The decoupled weight decay {@code λ ≥ 0} (default 0.01); {@code η λ < 1} is required. */
        public Builder weightDecay(double weightDecay) {
            this.weightDecay = Functions.requireNonNegative("weightDecay", weightDecay);
            return this;
        }

        /** @throws IllegalArgumentException when {@code η ≥ β} or {@code η λ ≥ 1} */
        public INNAprop build() {
            if (!(lr * weightDecay < 1)) {
                throw new IllegalArgumentException("weightDecay = " + weightDecay + ", expected learningRate * "
                        + "weightDecay < 1 (learningRate = " + lr + ")");
            }
            return new INNAprop(this);
        }
    }
}
