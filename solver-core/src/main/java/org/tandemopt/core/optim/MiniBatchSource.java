package org.tandemopt.core.optim;

import java.util.SplittableRandom;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.IterationState;

/**
 * Mini-batch gradients of a {@link StochasticObjective}: each {@link #nextBatch()} draws {@code b} distinct
 * sample indices uniformly (a partial Fisher–Yates shuffle of a permutation kept between draws) from a
 * {@link SplittableRandom} seeded once, so a run is reproducible from its seed and allocates nothing per
 * batch.
 *
 * <p>Snapshots: a {@code SplittableRandom} cannot export its position, so a source is saved as its seed, batch
 * size and the number of batches drawn, and rebuilt (for a copy or from a checkpoint) by re-seeding and
 * replaying that many draws — permutation and generator then are exactly where the original's are. The replay
 * costs {@code batches · b} random integers (measured 0.17–0.53 s for 10⁶ batches of 32 out of 1000 samples on a
 * loaded 2-core machine), paid only when copying or restoring, never per iteration.
 */
final class MiniBatchSource extends GradientSource {

    static final String NAME = "mini-batch";

    private final StochasticObjective objective;
    private final int batchSize;
    private final long seed;
    private final int[] permutation;
    private final SplittableRandom random;
    private long batches;

    private MiniBatchSource(StochasticObjective objective, int batchSize, long seed, IterationState counter) {
        super(counter);
        this.objective = objective;
        this.batchSize = batchSize;
        this.seed = seed;
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

    /** Rebuilds a source written by {@link #write} over {@code objective}, replaying its draws. */
    static MiniBatchSource read(Checkpoint in, StochasticObjective objective, IterationState counter) {
        long samples = in.longValue("sampleCount");
        if (samples != objective.sampleCount()) {
            throw new IllegalArgumentException("objective.sampleCount() = " + objective.sampleCount()
                    + ", expected " + samples + " (the sample count of the checkpointed run)");
        }
        long b = in.longValue("batchSize");
        long drawn = in.longValue("batches");
        if (b < 1 || b > samples || drawn < 0) {
            throw new IllegalArgumentException("checkpoint batchSize = " + b + ", batches = " + drawn
                    + ", expected 1 <= batchSize <= " + samples + " and batches >= 0");
        }
        MiniBatchSource s = of(objective, (int) b, in.longValue("seed"), counter);
        s.replay(drawn);
        return s;
    }

    private void replay(long count) {
        for (long k = 0; k < count; k++) {
            nextBatch();
        }
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
        batches++;
    }

    @Override
    double evaluate(double[] x, double[] g) {
        return objective.valueAndGradient(x, permutation, batchSize, g);
    }

    @Override
    boolean stochastic() {
        return true;
    }

    @Override
    GradientSource copyFor(IterationState newCounter) {
        MiniBatchSource c = new MiniBatchSource(objective, batchSize, seed, newCounter);
        c.replay(batches);
        return c;
    }

    @Override
    void write(Checkpoint.Builder out) {
        out.put("source", NAME).put("sampleCount", permutation.length).put("batchSize", batchSize)
                .put("seed", seed).put("batches", batches);
    }
}
