package org.tandemopt.core.monitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.tandemopt.core.function.Functions;

/**
 * Immutable run options shared by every algorithm: budgets, the convergence criterion, tracing, listeners
 * and an interrupter. Problems carry no tolerances; these options do. Build with {@link #builder()} or
 * derive with the {@code withX} copies.
 *
 * <p>Defaults: at most 1000 iterations, no evaluation or time budget, convergence when the stationarity
 * measure is at most {@code 1e-8}, divergence when an iterate or value exceeds {@code 1e100} in norm, no
 * trace, no listener. Non-finite values always end a run ({@link Termination#NON_FINITE}).
 */
public final class SolveOptions {

    private final int maxIterations;
    private final long maxEvaluations;
    private final Duration timeLimit;
    private final StoppingCriterion convergence;
    private final double divergenceBound;
    private final boolean trace;
    private final List<IterationListener> listeners;
    private final Interrupter interrupter;
    private final int checkpointInterval;
    private final java.nio.file.Path checkpointFile;

    private SolveOptions(Builder b) {
        this.checkpointInterval = b.checkpointInterval;
        this.checkpointFile = b.checkpointFile;
        this.maxIterations = b.maxIterations;
        this.maxEvaluations = b.maxEvaluations;
        this.timeLimit = b.timeLimit;
        this.convergence = b.convergence;
        this.divergenceBound = b.divergenceBound;
        this.trace = b.trace;
        this.listeners = List.copyOf(b.listeners);
        this.interrupter = b.interrupter;
    }

    /** @return options with every default. */
    public static SolveOptions defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxIterations = maxIterations;
        b.maxEvaluations = maxEvaluations;
        b.timeLimit = timeLimit;
        b.convergence = convergence;
        b.divergenceBound = divergenceBound;
        b.trace = trace;
        b.listeners.addAll(listeners);
        b.interrupter = interrupter;
        b.checkpointInterval = checkpointInterval;
        b.checkpointFile = checkpointFile;
        return b;
    }

    public int maxIterations() { return maxIterations; }
    public long maxEvaluations() { return maxEvaluations; }
    /** @return the time limit, or {@code null} for none. */
    public Duration timeLimit() { return timeLimit; }
    public StoppingCriterion convergence() { return convergence; }
    public double divergenceBound() { return divergenceBound; }
    public boolean trace() { return trace; }
    public List<IterationListener> listeners() { return listeners; }
    /** @return the interrupter, or {@code null} for none. */
    public Interrupter interrupter() { return interrupter; }
    /** @return the file periodic checkpoints are written to, or {@code null} for none. */
    public java.nio.file.Path checkpointFile() { return checkpointFile; }
    /** @return every how many iterations a checkpoint is written (meaningful with a {@link #checkpointFile()}). */
    public int checkpointInterval() { return checkpointInterval; }

    /** @return a copy with another iteration budget. */
    public SolveOptions withMaxIterations(int n) { return toBuilder().maxIterations(n).build(); }
    /** @return a copy with another convergence criterion. */
    public SolveOptions withConvergence(StoppingCriterion c) { return toBuilder().convergence(c).build(); }
    /** @return a copy with tracing switched on or off. */
    public SolveOptions withTrace(boolean on) { return toBuilder().trace(on).build(); }

    @Override
    public String toString() {
        return "SolveOptions{maxIterations=" + maxIterations
                + (maxEvaluations == Long.MAX_VALUE ? "" : ", maxEvaluations=" + maxEvaluations)
                + (timeLimit == null ? "" : ", timeLimit=" + timeLimit)
                + ", divergenceBound=" + divergenceBound + ", trace=" + trace
                + ", listeners=" + listeners.size()
                + (checkpointFile == null ? "" : ", checkpointEvery=" + checkpointInterval + " to " + checkpointFile)
                + "}";
    }

    /** Builder with validated setters; every setter names its argument in the exception it throws. */
    public static final class Builder {
        private int maxIterations = 1000;
        private long maxEvaluations = Long.MAX_VALUE;
        private Duration timeLimit;
        private StoppingCriterion convergence = Criteria.gradientNorm(1e-8);
        private double divergenceBound = 1e100;
        private boolean trace;
        private final List<IterationListener> listeners = new ArrayList<>();
        private Interrupter interrupter;
        private int checkpointInterval = 1;
        private java.nio.file.Path checkpointFile;

        private Builder() {
        }

        /** Iteration budget, at least 1 (default 1000). */
        public Builder maxIterations(int n) {
            this.maxIterations = Functions.requireAtLeast("maxIterations", n, 1);
            return this;
        }

        /** Budget of evaluations of any kind, at least 1 (default none). */
        public Builder maxEvaluations(long n) {
            this.maxEvaluations = Functions.requireAtLeast("maxEvaluations", n, 1L);
            return this;
        }

        /** Wall-clock limit, positive (default none). */
        public Builder timeLimit(Duration d) {
            Functions.requireNonNull("timeLimit", d);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timeLimit = " + d + ", expected a positive duration");
            }
            this.timeLimit = d;
            return this;
        }

        /** The convergence criterion (default {@code Criteria.gradientNorm(1e-8)}). */
        public Builder convergence(StoppingCriterion c) {
            this.convergence = Functions.requireNonNull("convergence", c);
            return this;
        }

        /** Shorthand: converged when the stationarity measure is at most {@code tolerance}. */
        public Builder gradientTolerance(double tolerance) {
            return convergence(Criteria.gradientNorm(tolerance));
        }

        /** Norm of iterate or value beyond which the run is declared diverged (default 1e100). */
        public Builder divergenceBound(double bound) {
            this.divergenceBound = Functions.requirePositive("divergenceBound", bound);
            return this;
        }

        /** Whether to keep the per-iteration trace (default false). */
        public Builder trace(boolean on) {
            this.trace = on;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(IterationListener l) {
            listeners.add(Functions.requireNonNull("listener", l));
            return this;
        }

        /** Sets the interrupter. */
        public Builder interrupter(Interrupter i) {
            this.interrupter = Functions.requireNonNull("interrupter", i);
            return this;
        }

        /**
         * Writes the state's checkpoint (and the trace so far, when tracing) to {@code file} at the start, after
         * every {@code iterations}-th completed iteration and when the run ends; see {@link Driver}. The state must
         * be {@link Resumable}. Writing is atomic (temporary file, then rename). Default: no checkpoints.
         */
        public Builder checkpointEvery(int iterations, java.nio.file.Path file) {
            this.checkpointInterval = Functions.requireAtLeast("iterations", iterations, 1);
            this.checkpointFile = Functions.requireNonNull("file", file);
            return this;
        }

        public SolveOptions build() {
            return new SolveOptions(this);
        }
    }
}
