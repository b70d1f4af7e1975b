package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.IterationState;

/**
 * Where the first-order methods for learning ({@link INNA}, {@link INNAprop}, {@link StepTunedSGD}) get their
 * gradients: the full gradient of a {@link DifferentiableFunction}, or a mini-batch gradient of a
 * {@link StochasticObjective}. A source belongs to one run (it may hold a batch buffer and a random generator);
 * {@link #nextBatch()} moves to the next batch and {@link #valueAndGradient} evaluates on the current one.
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

    /** The full gradient of {@code f}. */
    static GradientSource full(DifferentiableFunction f, IterationState counter) {
        return new GradientSource(counter) {
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
        };
    }
}
