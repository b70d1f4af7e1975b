package org.tandemopt.core.monitor;

/**
 * The bookkeeping every algorithm state carries: completed iterations, evaluation counters, accumulated
 * wall time and a termination the algorithm itself may request (a failed line search, a singular system).
 * Concrete states extend this class and add their iterates and buffers; the {@link Driver} advances the
 * iteration count and time, the algorithm counts its own evaluations.
 *
 * <p>A state is mutable and owned by one run (one thread) at a time. States used for checkpointing offer a
 * deep copy and a {@link Checkpoint}; {@link #checkpointBuilder} and {@link #restoreBookkeeping(Checkpoint,
 * String, String)} write and read the part every state shares (kind, configuration, counters).
 */
public abstract class IterationState {

    private int iteration;
    private long valueEvaluations;
    private long gradientEvaluations;
    private long secondOrderEvaluations;
    private long elapsedNanos;
    private Termination requested;
    private double initialGradientNorm = Double.NaN;
    private double initialDerivativeNorm = Double.NaN;

    /** @return completed iterations. */
    public final int iteration() {
        return iteration;
    }

    /** @return value evaluations so far. */
    public final long valueEvaluations() {
        return valueEvaluations;
    }

    /** @return gradient evaluations so far. */
    public final long gradientEvaluations() {
        return gradientEvaluations;
    }

    /** @return second-order products (Hessian-vector, mixed) so far. */
    public final long secondOrderEvaluations() {
        return secondOrderEvaluations;
    }

    /** @return wall time spent in runs of this state, in nanoseconds. */
    public final long elapsedNanos() {
        return elapsedNanos;
    }

    /** Counts {@code n} value evaluations. */
    public final void countValues(long n) {
        valueEvaluations += n;
    }

    /** Counts {@code n} gradient (or fused value-and-gradient) evaluations. */
    public final void countGradients(long n) {
        gradientEvaluations += n;
    }

    /** Counts {@code n} second-order products. */
    public final void countSecondOrder(long n) {
        secondOrderEvaluations += n;
    }

    /** Asks the driver to end the run after this step with {@code termination}. */
    public final void requestTermination(Termination termination) {
        this.requested = termination;
    }

    /** @return the termination requested by the algorithm, or {@code null}. */
    public final Termination requestedTermination() {
        return requested;
    }

    /** Copies the counters, iteration, time and request of {@code other} into this state (for deep copies). */
    protected final void copyBookkeeping(IterationState other) {
        this.iteration = other.iteration;
        this.valueEvaluations = other.valueEvaluations;
        this.gradientEvaluations = other.gradientEvaluations;
        this.secondOrderEvaluations = other.secondOrderEvaluations;
        this.elapsedNanos = other.elapsedNanos;
        this.requested = other.requested;
        this.initialGradientNorm = other.initialGradientNorm;
        this.initialDerivativeNorm = other.initialDerivativeNorm;
    }

    /** Restores the counters (for loading a checkpoint). */
    protected final void restoreBookkeeping(int iteration, long values, long gradients, long secondOrder, long nanos) {
        this.iteration = iteration;
        this.valueEvaluations = values;
        this.gradientEvaluations = gradients;
        this.secondOrderEvaluations = secondOrder;
        this.elapsedNanos = nanos;
        this.requested = null;
        this.initialGradientNorm = Double.NaN;
        this.initialDerivativeNorm = Double.NaN;
    }

    /**
     * Starts a checkpoint of this state: the {@code kind} (what wrote it), the writing algorithm's
     * {@code configuration} (its {@link IterativeAlgorithm#describe()}) as the text entry {@code configuration},
     * and the bookkeeping as the integer entries {@code iteration}, {@code valueEvaluations},
     * {@code gradientEvaluations}, {@code secondOrderEvaluations} and {@code elapsedNanos}, and the number
     * entries {@code initialGradientNorm} and {@code initialDerivativeNorm} (what relative criteria refer to,
     * see {@link Driver}). A requested termination is not saved (every run clears it). The state adds its
     * iterates and memories.
     */
    protected final Checkpoint.Builder checkpointBuilder(String kind, String configuration) {
        return Checkpoint.builder(kind).put("configuration", configuration).put("iteration", iteration)
                .put("valueEvaluations", valueEvaluations).put("gradientEvaluations", gradientEvaluations)
                .put("secondOrderEvaluations", secondOrderEvaluations).put("elapsedNanos", elapsedNanos)
                .putDouble("initialGradientNorm", initialGradientNorm)
                .putDouble("initialDerivativeNorm", initialDerivativeNorm);
    }

    /**
     * Restores the bookkeeping written by {@link #checkpointBuilder}, after checking that the checkpoint is of
     * {@code kind} and was written by an algorithm of the same {@code configuration}.
     *
     * @throws IllegalArgumentException naming the checkpoint's kind or configuration when either differs, or a
     *                                  missing or negative counter
     */
    protected final void restoreBookkeeping(Checkpoint checkpoint, String kind, String configuration) {
        checkpoint.requireKind(kind);
        String written = checkpoint.text("configuration");
        if (!written.equals(configuration)) {
            throw new IllegalArgumentException("checkpoint configuration = " + written + ", expected " + configuration
                    + " (the configuration of the algorithm restoring it)");
        }
        long it = checkpoint.longValue("iteration");
        if (it < 0 || it > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("checkpoint iteration = " + it + ", expected a number in [0, "
                    + Integer.MAX_VALUE + "]");
        }
        restoreBookkeeping((int) it, nonNegative(checkpoint, "valueEvaluations"),
                nonNegative(checkpoint, "gradientEvaluations"), nonNegative(checkpoint, "secondOrderEvaluations"),
                nonNegative(checkpoint, "elapsedNanos"));
        initialGradientNorm = checkpoint.doubleValue("initialGradientNorm");
        initialDerivativeNorm = checkpoint.doubleValue("initialDerivativeNorm");
    }

    private static long nonNegative(Checkpoint c, String name) {
        long v = c.longValue(name);
        if (v < 0) {
            throw new IllegalArgumentException("checkpoint " + name + " = " + v + ", expected a number >= 0");
        }
        return v;
    }

    /** @return whether a previous run recorded the initial norms (see {@link Driver}). */
    final boolean hasInitialNorms() {
        return !Double.isNaN(initialGradientNorm) || !Double.isNaN(initialDerivativeNorm);
    }

    final double initialGradientNorm() {
        return initialGradientNorm;
    }

    final double initialDerivativeNorm() {
        return initialDerivativeNorm;
    }

    final void recordInitialNorms(double gradient, double derivative) {
        this.initialGradientNorm = gradient;
        this.initialDerivativeNorm = derivative;
    }

    final void advanceIteration() {
        iteration++;
    }

    final void addElapsed(long nanos) {
        elapsedNanos += nanos;
    }

    final void clearRequest() {
        requested = null;
    }
}
