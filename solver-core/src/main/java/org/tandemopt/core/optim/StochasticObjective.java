package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;

/**
 * A finite-sum objective {@code J(x) = (1/N) Σ_{i<N} J_i(x)} — a training loss over {@code N} samples — evaluated
 * on mini-batches: {@link #valueAndGradient} returns the batch mean {@code (1/|B|) Σ_{i∈B} J_i(x)} and writes its
 * gradient into a caller-owned array. The methods for learning ({@link INNA}, {@link INNAprop},
 * {@link StepTunedSGD}) accept it together with a batch size and a seed.
 *
 * <p>Implementations are pure (same input, same output; no state between calls) and thread-safe, like a
 * {@link DifferentiableFunction}.
 */
public interface StochasticObjective {

    /** @return the dimension {@code d} of {@code x}. */
    int dimension();

    /** @return the number of samples {@code N ≥ 1}. */
    int sampleCount();

    /**
     * Evaluates the mean of {@code J_i} over the batch and its gradient.
     *
     * @param x           the point, length {@link #dimension()}, not modified
     * @param batch       sample indices in {@code [0, N)}; the first {@code batchSize} entries form the batch
     *                    (distinct), the rest must be ignored; not modified
     * @param batchSize   {@code |B| ≥ 1}
     * @param gradientOut receives {@code (1/|B|) Σ_{i∈B} ∇J_i(x)}
     * @return {@code (1/|B|) Σ_{i∈B} J_i(x)}
     */
    double valueAndGradient(double[] x, int[] batch, int batchSize, double[] gradientOut);

    /**
     * @return the full objective {@code (1/N) Σ J_i} as a {@link DifferentiableFunction} (each call evaluates all
     *         samples; {@code value} allocates a gradient buffer)
     */
    default DifferentiableFunction asFunction() {
        StochasticObjective self = this;
        int n = sampleCount();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return self.dimension();
            }

            @Override
            public double value(double[] x) {
                return self.valueAndGradient(x, all, n, new double[self.dimension()]);
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                return self.valueAndGradient(x, all, n, gradientOut);
            }
        };
    }
}
