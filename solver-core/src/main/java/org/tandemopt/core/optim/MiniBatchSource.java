package org.tandemopt.core.optim;

import java.util.SplittableRandom;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.IterationState;

/**
 * Mini-batch gradients of a {@link StochasticObjective}: each {@link #nextBatch()} draws {@code b} distinct
 * sample indices uniformly (a partial Fisher–Yates shuffle of a permutation kept between draws) from a
 * {@link SplittableRandom} seeded once, so a run is reproducible from its seed and allocates nothing per
 * batch.
 */
final class MiniBatchSource extends GradientSource {

    private final StochasticObjective objective;
    private final int batchSize;
    private final int[] permutation;
    private final SplittableRandom random;

    private MiniBatchSource(StochasticObjective objective, int batchSize, long seed, IterationState counter) {
        super(counter);
        this.objective = objective;
        this.batchSize = batchSize;
        this.permutation = new int[objective.sampleCount()];
        for (int i = 0; i < permutation.length; i++) {
            permutation[i] = i;
        }
        this.random = new SplittableRandom(seed);
    }

    static MiniBatchSource of(StochasticObjective objective, int batchSize, long seed, IterationState counter) {
        Functions.requireNonNull("objective", objective);
        int n = Functions.requireAtLeast("objective.sampleCount()", objective.sampleCount(), 1);
        Functions.requireAtLeast("batchSize", batchSize, 1);
        if (batchSize > n) {
            throw new IllegalArgumentException("batchSize = " + batchSize + ", expected at most the sample count "
                    + n);
        }
        return new MiniBatchSource(objective, batchSize, seed, counter);
    }

    @Override
    void nextBatch() {
        int n = permutation.length;
        for (int i = 0; i < batchSize; i++) {
            int j = i + random.nextInt(n - i);
            int tmp = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = tmp;
        }
    }

    @Override
    double evaluate(double[] x, double[] g) {
        return objective.valueAndGradient(x, permutation, batchSize, g);
    }

    @Override
    boolean stochastic() {
        return true;
    }
}
