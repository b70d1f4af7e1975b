package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.linesearch.DecayingStep;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.linesearch.StepSearch;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * INNA, the Inertial Newton Algorithm of Castera, Bolte, Févotte and Pauwels ("An inertial Newton algorithm
 * for deep learning", JMLR 22(134), 2021): a first-order discretisation of the dynamical inertial Newton
 * system {@code θ'' + α θ' + β ∇²J(θ) θ' + ∇J(θ) = 0}, written without the Hessian through an auxiliary
 * variable {@code ψ}. With step {@code γ_k}:
 *
 * <pre>
 *   ψ_0 = (1 − αβ) θ_0
 *   phase_k = (α − 1/β) θ_k + ψ_k / β
 *   ψ_{k+1} = ψ_k − γ_k · phase_k
 *   θ_{k+1} = θ_k − γ_k · (phase_k + β ∇J(θ_k))
 * </pre>
 *
 * (both updates use the old {@code θ_k, ψ_k}). {@code α} is the viscous damping and {@code β} the Newtonian
 * (geometric) damping that lets the method use curvature without second derivatives; one gradient per
 * iteration, two vectors of memory. It is meant for nonconvex, nonsmooth training losses used with mini-batch
 * gradients (see {@link #minimize(StochasticObjective, int, long, double[], SolveOptions)}), where its
 * convergence theory asks for steps with {@code Σγ_k = ∞, Σγ_k² < ∞}, for example
 * {@code new DecayingStep(0.1, 1, 0.5)}; with full gradients a constant step suffices.
 *
 * <p>Defaults: {@code α = 0.5}, {@code β = 0.1} (the values the paper recommends and its reference
 * implementation uses), constant step {@code γ = 0.1}. Any {@link StepRule} that does not evaluate the line
 * ({@link ConstantStep}, {@link DecayingStep}) can be the schedule.
 *
 * <p>Reported: value {@code J(θ_k)} and stationarity {@code ‖∇J(θ_k)‖} (mini-batch estimates when stochastic).
 * Immutable and thread-safe; a run allocates nothing per iteration.
 *
 * <p>Snapshots: a {@link State} can be {@link State#copy() copied} and saved as a {@link Checkpoint} (see
 * {@link #restore(DifferentiableFunction, Checkpoint)}); a mini-batch run is saved as its seed, batch size and
 * the number of batches drawn, and its sampler is rebuilt by replaying those draws, so a resumed mini-batch
 * run continues bit for bit as well.
 *
 * <pre>{@code
 * OptimizationResult r = INNA.builder().step(0.1).alpha(0.5).beta(0.1).build().minimize(f, theta0);
 * }</pre>
 */
public final class INNA extends LearningRateMethod<INNA.State> {

    private final StepRule schedule;
    private final double alpha;
    private final double beta;

    private INNA(Builder b) {
        this.schedule = b.schedule;
        this.alpha = b.alpha;
        this.beta = b.beta;
    }

    /** @return INNA with every default. */
    public static INNA defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the viscous damping {@code α}. */
    public double alpha() {
        return alpha;
    }

    /** @return the Newtonian damping {@code β}. */
    public double beta() {
        return beta;
    }

    /** @return the step schedule. */
    public StepRule schedule() {
        return schedule;
    }

    @Override
    State newState(int n) {
        return new State(this, n, schedule.newSearch(n));
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
        s.kept().keep(s.theta, s.g, s.value);
        double gamma = s.search.search(null, s.value, Double.NaN, s.theta, s.g);
        double invBeta = 1.0 / beta;
        double a = alpha - invBeta;
        double step2 = 0;
        for (int i = 0; i < s.theta.length; i++) {
            double th = s.theta[i];
            double phase = a * th + s.psi[i] * invBeta;
            s.psi[i] -= gamma * phase;
            double d = gamma * (phase + beta * s.g[i]);
            s.theta[i] = th - d;
            step2 += d * d;
        }
        s.stepNorm = Math.sqrt(step2);
        s.stepSize = gamma;
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
                .pointNorm(Vectors.norm2(s.theta));
    }

    @Override
    public String describe() {
        return "INNA{alpha=" + alpha + ", beta=" + beta + ", schedule=" + schedule + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * The state of an INNA run: {@code θ_k}, {@code ψ_k}, the (batch) gradient and value at {@code θ_k}, the
     * schedule's memory and the gradient source; copyable and checkpointable.
     */
    public static final class State extends LearningRateMethod.LearningState implements Resumable<State> {
        private static final String KIND = "INNA.State";
        private final INNA method;
        private final double[] theta;
        private final double[] psi;
        private final double[] g;
        private final StepSearch search;
        private double value;
        private double stepNorm = Double.NaN;
        private double stepSize = Double.NaN;

        State(INNA method, int n, StepSearch search) {
            this.method = method;
            theta = new double[n];
            psi = new double[n];
            g = new double[n];
            this.search = search;
        }

        /** @return {@code θ_k} (live buffer: do not modify). */
        @Override public double[] point() { return theta; }
        /** @return the auxiliary variable {@code ψ_k} (live buffer: do not modify). */
        public double[] auxiliary() { return psi; }
        /** @return the gradient at {@code θ_k} (live buffer: do not modify). */
        public double[] gradient() { return g; }
        /** @return {@code J(θ_k)}. */
        public double value() { return value; }

        @Override
        public State copy() {
            State c = new State(method, theta.length, method.schedule.newSearch(theta.length));
            c.source = source.copyFor(c);
            c.read(toCheckpoint());
            c.copyBookkeeping(this);
            return c;
        }

        @Override
        public Checkpoint toCheckpoint() {
            Checkpoint.Builder b = checkpointBuilder(KIND, method.describe()).put("theta", theta).put("psi", psi)
                    .put("gradient", g).putDouble("value", value).putDouble("stepNorm", stepNorm)
                    .putDouble("stepSize", stepSize).put("stepSearch", search.memory());
            source.write(b);
            return b.build();
        }

        @Override
        void read(Checkpoint c) {
            restoreBookkeeping(c, KIND, method.describe());
            c.doublesInto("theta", theta);
            c.doublesInto("psi", psi);
            c.doublesInto("gradient", g);
            value = c.doubleValue("value");
            stepNorm = c.doubleValue("stepNorm");
            stepSize = c.doubleValue("stepSize");
            c.restoreInto("stepSearch", search::restore);
        }
    }

    /** Builder with validated setters; each names its argument in the exception it throws. */
    public static final class Builder {
        private StepRule schedule = new ConstantStep(0.1);
        private double alpha = 0.5;
        private double beta = 0.1;

        private Builder() {
        }

        /** A constant step {@code γ > 0} (default 0.1). */
        public Builder step(double gamma) {
            this.schedule = new ConstantStep(Functions.requirePositive("step", gamma));
            return this;
        }

        /** A step schedule that does not evaluate the line ({@link ConstantStep}, {@link DecayingStep}). */
        public Builder schedule(StepRule rule) {
            Functions.requireNonNull("schedule", rule);
            if (rule.evaluatesLine()) {
                throw new IllegalArgumentException("schedule = " + rule
                        + ", expected a rule that does not evaluate the line (ConstantStep, DecayingStep)");
            }
            this.schedule = rule;
            return this;
        }

        /** The viscous damping {@code α ≥ 0} (default 0.5). */
        public Builder alpha(double alpha) {
            this.alpha = Functions.requireNonNegative("alpha", alpha);
            return this;
        }

        /** The Newtonian damping {@code β > 0} (default 0.1). */
        public Builder beta(double beta) {
            this.beta = Functions.requirePositive("beta", beta);
            return this;
        }

        public INNA build() {
            return new INNA(this);
        }
    }
}
