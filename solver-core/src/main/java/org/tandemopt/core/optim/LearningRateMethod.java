package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * What the learning-rate methods ({@link INNA}, {@link INNAprop}, {@link StepTunedSGD}) share: they read gradients
 * from a per-run source — full gradients of a {@link DifferentiableFunction}, or seeded mini-batches of a
 * {@link StochasticObjective} — so one step implementation serves both uses, and starting, minimising and
 * restoring a run look the same for all of them. A subclass says how to create its state and how to initialise
 * its iterates from a start point.
 *
 * @param <S> the method's state
 */
public abstract class LearningRateMethod<S extends LearningRateMethod.LearningState>
        implements Optimizer, IterativeAlgorithm<DifferentiableFunction, S> {

    LearningRateMethod() {
    }

    /** @return a fresh state of dimension {@code n} (iterates unset, no gradient source yet). */
    abstract S newState(int n);

    /**
     * Sets the iterates of {@code s} from {@code start} and evaluates the first gradient from the state's source.
     */
    abstract void initialize(S s, double[] start);

    /**
     * Prepares a state at {@code start} (copied) with full gradients of {@code f}, evaluated there once.
     *
     * @throws IllegalArgumentException for a null function or a start of the wrong length or not finite
     */
    public final S start(DifferentiableFunction f, double[] start) {
        Functions.requireNonNull("f", f);
        Functions.requireFinite("start", start, f.dimension());
        S s = newState(start.length);
        s.source = GradientSource.full(f, s);
        initialize(s, start);
        return s;
    }

    /**
     * Prepares a mini-batch state: each iteration draws {@code batchSize} distinct sample indices from a
     * {@code java.util.SplittableRandom} seeded with {@code seed}.
     *
     * @throws IllegalArgumentException for a null objective, a bad batch size, or a start of the wrong length or
     *                                  not finite
     */
    public final S start(StochasticObjective objective, int batchSize, long seed, double[] start) {
        Functions.requireNonNull("objective", objective);
        Functions.requireFinite("start", start, objective.dimension());
        S s = newState(start.length);
        s.source = MiniBatchSource.of(objective, batchSize, seed, s);
        initialize(s, start);
        return s;
    }

    @Override
    public final OptimizationResult minimize(DifferentiableFunction f, double[] start, SolveOptions options) {
        Functions.requireNonNull("options", options);
        S s = start(f, start);
        RunResult<S> r = Driver.run(this, f, s, options);
        return OptimizationResult.of(s.point(), r, options.toString());
    }

    /**
     * Minimises {@code (1/N) Σ_i J_i} with mini-batch gradients: each iteration draws {@code batchSize} distinct
     * sample indices from a {@code java.util.SplittableRandom} seeded with {@code seed}.
     */
    public final OptimizationResult minimize(StochasticObjective objective, int batchSize, long seed, double[] start,
                                             SolveOptions options) {
        Functions.requireNonNull("options", options);
        S s = start(objective, batchSize, seed, start);
        RunResult<S> r = Driver.run(this, objective.asFunction(), s, options);
        return OptimizationResult.of(s.point(), r, options.toString());
    }

    /**
     * Rebuilds a full-gradient state saved by the state's {@code toCheckpoint()} for {@code f}, the function the
     * run was started with; nothing is evaluated.
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind, of another
     *                                  configuration than {@link #describe()}, of a mini-batch run, or of another
     *                                  dimension
     */
    public final S restore(DifferentiableFunction f, Checkpoint checkpoint) {
        Functions.requireNonNull("f", f);
        Functions.requireNonNull("checkpoint", checkpoint);
        S s = newState(f.dimension());
        s.source = GradientSource.read(checkpoint, f, null, s);
        s.read(checkpoint);
        return s;
    }

    /**
     * Rebuilds a mini-batch state saved by the state's {@code toCheckpoint()} for {@code objective}; the batch
     * size, seed and position of the sampler come from the checkpoint (the generator is re-seeded and its draws
     * replayed).
     *
     * @throws IllegalArgumentException as {@link #restore(DifferentiableFunction, Checkpoint)}, or for a
     *                                  checkpoint of a full-gradient run or of another sample count
     */
    public final S restore(StochasticObjective objective, Checkpoint checkpoint) {
        Functions.requireNonNull("objective", objective);
        Functions.requireNonNull("checkpoint", checkpoint);
        S s = newState(objective.dimension());
        s.source = GradientSource.read(checkpoint, null, objective, s);
        s.read(checkpoint);
        return s;
    }

    /** The state of a learning-rate method: its own iterates plus the gradient source of the run. */
    public abstract static class LearningState extends IterationState {

        GradientSource source;
        private LastFinite kept;

        LearningState() {
        }

        /** @return the current iterate (live buffer: do not modify). */
        public abstract double[] point();

        /** @return the last finite iterate, value and gradient (see {@link LastFinite}), created at the first step. */
        final LastFinite kept() {
            if (kept == null) {
                kept = new LastFinite(point().length);
            }
            return kept;
        }

        /** Restores everything but the source from a checkpoint of this state's kind. */
        abstract void read(Checkpoint c);
    }
}
