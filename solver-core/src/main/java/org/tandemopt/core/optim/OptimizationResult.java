package org.tandemopt.core.optim;

import java.time.Duration;

import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;

/**
 * The immutable outcome of a single-level minimisation: the final point and value, the achieved gradient
 * norm, the counters, wall time, the {@link Termination} and the trace (empty unless requested), with the
 * optimizer's configuration and the run options recorded for provenance.
 */
public final class OptimizationResult {

    private final double[] point;
    private final double value;
    private final double gradientNorm;
    private final int iterations;
    private final long valueEvaluations;
    private final long gradientEvaluations;
    private final long secondOrderEvaluations;
    private final Duration wallTime;
    private final Termination termination;
    private final Trace trace;
    private final String configuration;
    private final String options;

    private OptimizationResult(double[] point, RunResult<?> run, String options) {
        this.point = point.clone();
        this.value = run.last().value();
        this.gradientNorm = run.last().gradientNorm();
        IterationState s = run.state();
        this.iterations = s.iteration();
        this.valueEvaluations = s.valueEvaluations();
        this.gradientEvaluations = s.gradientEvaluations();
        this.secondOrderEvaluations = s.secondOrderEvaluations();
        this.wallTime = Duration.ofNanos(s.elapsedNanos());
        this.termination = run.termination();
        this.trace = run.trace();
        this.configuration = run.configuration();
        this.options = options;
    }

    /** Builds the result of {@code run} at {@code point} (copied). */
    public static OptimizationResult of(double[] point, RunResult<?> run, String options) {
        return new OptimizationResult(point, run, options);
    }

    /** @return a copy of the final point. */
    public double[] point() { return point.clone(); }
    /** @return the objective at the final point. */
    public double value() { return value; }
    /** @return {@code ‖∇J‖} (or the prox-gradient mapping norm) at the final point. */
    public double gradientNorm() { return gradientNorm; }
    public int iterations() { return iterations; }
    public long valueEvaluations() { return valueEvaluations; }
    public long gradientEvaluations() { return gradientEvaluations; }
    public long secondOrderEvaluations() { return secondOrderEvaluations; }
    /** @return the sum of the three counters. */
    public long totalEvaluations() { return valueEvaluations + gradientEvaluations + secondOrderEvaluations; }
    public Duration wallTime() { return wallTime; }
    public Termination termination() { return termination; }
    public Trace trace() { return trace; }
    /** @return the optimizer's configuration, as its {@code describe()} text. */
    public String configuration() { return configuration; }
    /** @return the run options used, as text. */
    public String options() { return options; }

    @Override
    public String toString() {
        return String.format("OptimizationResult{%s, value=%.12g, |grad|=%.3e, iterations=%d, evaluations=%d/%d/%d, "
                        + "time=%.3f ms, by %s}", termination, value, gradientNorm, iterations, valueEvaluations,
                gradientEvaluations, secondOrderEvaluations, wallTime.toNanos() / 1e6, configuration);
    }
}
