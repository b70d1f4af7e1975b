package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.IterationState;

/**
 * Where the first-order methods for learning ({@link INNA}, {@link INNAprop}, {@link StepTunedSGD}) get their
 * gradients: the full gradient of a {@link DifferentiableFunction}, or a mini-batch gradient of a
 * {@link StochasticObjective}. A source belongs to one run (it may hold a batch buffer and a random generator);
 * {@link #nextBatch()} moves to the next batch and {@link #valueAndGradient} evaluates on the current one.
 *
 * <p>Snapshots: {@link #copyFor} gives an independent source in the same position for a copied state, and
 * {@link #write}/{@link #read} save and rebuild it through a {@link Checkpoint} (entry {@code source} =
 * {@code full} or {@code mini-batch}; see {@link MiniBatchSource} for how its random generator is restored).
 */
abstract class GradientSource {

    private final IterationState counter;

    GradientSource(IterationState counter) {
        this.counter = counter;
    }

    /** Draws the batch the next evaluations use (nothing for a full gradient). */
    abstract void nextBatch();

    /** Evaluates on the current batch, counts one gradient evaluation, returns the value. */
    final double valueAndGradient(double[] x, double[] g) {
        counter.countGradients(1);
        return evaluate(x, g);
    }

    abstract double evaluate(double[] x, double[] g);

    /** @return whether the gradients are mini-batch estimates. */
    abstract boolean stochastic();

    /** @return an independent source in the same position, counting on {@code newCounter}. */
    abstract GradientSource copyFor(IterationState newCounter);

    /** Writes what {@link #read} needs to rebuild this source in its current position. */
    abstract void write(Checkpoint.Builder out);

    /** The full gradient of {@code f}. */
    static GradientSource full(DifferentiableFunction f, IterationState counter) {
        return new Full(f, counter);
    }

    /**
     * Rebuilds the source a checkpoint was written with, for the full gradient of {@code f} or the mini-batches
     * of {@code objective} (exactly one of them non-null).
     *
     * @throws IllegalArgumentException when the checkpoint was written by the other kind of source, or by a
     *                                  mini-batch source over a different number of samples
     */
    static GradientSource read(Checkpoint in, DifferentiableFunction f, StochasticObjective objective,
                               IterationState counter) {
        String kind = in.text("source");
        if (f != null) {
            if (!kind.equals(Full.NAME)) {
                throw new IllegalArgumentException("checkpoint source = " + kind + ", expected " + Full.NAME
                        + " (restore a mini-batch run with restore(StochasticObjective, Checkpoint))");
            }
            return full(f, counter);
        }
        Functions.requireNonNull("objective", objective);
        if (!kind.equals(MiniBatchSource.NAME)) {
            throw new IllegalArgumentException("checkpoint source = " + kind + ", expected " + MiniBatchSource.NAME
                    + " (restore a full-gradient run with restore(DifferentiableFunction, Checkpoint))");
        }
        return MiniBatchSource.read(in, objective, counter);
    }

    private static final class Full extends GradientSource {
        static final String NAME = "full";
        private final DifferentiableFunction f;

        Full(DifferentiableFunction f, IterationState counter) {
            super(counter);
            this.f = f;
        }

        @Override
        void nextBatch() {
        }

        @Override
        double evaluate(double[] x, double[] g) {
            return f.valueAndGradient(x, g);
        }

        @Override
        boolean stochastic() {
            return false;
        }

        @Override
        GradientSource copyFor(IterationState newCounter) {
            return new Full(f, newCounter);
        }

        @Override
        void write(Checkpoint.Builder out) {
            out.put("source", NAME);
        }
    }
}
