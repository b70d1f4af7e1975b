package org.tandemopt.minmax;

import java.time.Duration;

import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;

/**
 * The immutable outcome of a min-max (or min-min) solve: the final {@code x} and {@code y}, the value, the
 * achieved stationarity of both players, the distance to the problem's known solution (NaN if none), the
 * {@link Termination}, the counters, wall time, the trace (empty unless requested) and the solver's
 * configuration and run options for provenance.
 *
 * <p>Stationarity: {@link #gradientXNorm()} is {@code ‖∇_x L(x, y)‖}, or, when {@code X} is constrained, the
 * projected-gradient mapping {@code ‖x − Π_X(x − ∇_x L)‖} (zero exactly at a stationary point).
 * {@link #yResidual()} is, for the gradient descent-ascent family, {@code ‖∇_y L‖} (projected likewise);
 * for the ridge method, the final residual of the inner solver, which is the same quantity at the inner
 * solution.
 */
public final class MinMaxResult {

    private final double[] x;
    private final double[] y;
    private final double value;
    private final double gradientXNorm;
    private final double yResidual;
    private final double distanceToSolution;
    private final int iterations;
    private final long valueEvaluations;
    private final long gradientEvaluations;
    private final long secondOrderEvaluations;
    private final Duration wallTime;
    private final Termination termination;
    private final Trace trace;
    private final String configuration;
    private final String options;
    private final org.tandemopt.core.monitor.Checkpoint checkpoint;

    /**
     * Builds a result (arrays copied).
     *
     * @param problem the problem solved (for the distance to its known solution)
     */
    public MinMaxResult(MinMaxProblem problem, double[] x, double[] y, double value, double gradientXNorm,
                        double yResidual, RunResult<?> run, String options) {
        this.x = x.clone();
        this.y = y.clone();
        this.value = value;
        this.gradientXNorm = gradientXNorm;
        this.yResidual = yResidual;
        this.distanceToSolution = problem.distanceToSolution(x, y);
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
        if (s instanceof org.tandemopt.core.monitor.Resumable) {
            org.tandemopt.core.monitor.Checkpoint c = ((org.tandemopt.core.monitor.Resumable<?>) s).toCheckpoint();
            this.checkpoint = trace.isEmpty() ? c : c.withTrace(trace);
        } else {
            this.checkpoint = null;
        }
    }

    /**
     * @return the final state of the run (with its trace when traced) as a checkpoint, which
     *         {@link MinMaxSolver#resume} continues exactly; {@code null} when the run's state cannot be saved
     */
    public org.tandemopt.core.monitor.Checkpoint checkpoint() { return checkpoint; }

    /** @return a copy of the final {@code x}. */
    public double[] x() { return x.clone(); }
    /** @return a copy of the final {@code y}. */
    public double[] y() { return y.clone(); }
    /** @return {@code L(x, y)} at the final point (for the ridge method: the value function {@code G(x)}). */
    public double value() { return value; }
    /** @return the {@code x} stationarity (see the class comment). */
    public double gradientXNorm() { return gradientXNorm; }
    /** @return the {@code y} stationarity or inner residual (see the class comment). */
    public double yResidual() { return yResidual; }
    /** @return {@code ‖(x, y) − (x*, y*)‖}, or NaN when the problem has no known solution. */
    public double distanceToSolution() { return distanceToSolution; }
    /** @return completed (outer) iterations. */
    public int iterations() { return iterations; }
    /** @return value evaluations of {@code L}, including those of inner solves. */
    public long valueEvaluations() { return valueEvaluations; }
    /** @return gradient evaluations of {@code L} ({@code ∇_x}, {@code ∇_y} or both in one call count 1). */
    public long gradientEvaluations() { return gradientEvaluations; }
    /** @return second-order products. */
    public long secondOrderEvaluations() { return secondOrderEvaluations; }
    /** @return the sum of the three counters. */
    public long totalEvaluations() { return valueEvaluations + gradientEvaluations + secondOrderEvaluations; }
    /** @return wall time. */
    public Duration wallTime() { return wallTime; }
    /** @return why the run ended. */
    public Termination termination() { return termination; }
    /** @return the per-iteration trace (empty unless the options asked for it). */
    public Trace trace() { return trace; }
    /** @return the solver's configuration, as its {@code describe()} text. */
    public String configuration() { return configuration; }
    /** @return the run options, as text. */
    public String options() { return options; }

    @Override
    public String toString() {
        return String.format("MinMaxResult{%s, value=%.12g, |gx|=%.3e, yResidual=%.3e, distance=%.3e, "
                        + "iterations=%d, evaluations=%d/%d/%d, time=%.3f ms, by %s}", termination, value,
                gradientXNorm, yResidual, distanceToSolution, iterations, valueEvaluations, gradientEvaluations,
                secondOrderEvaluations, wallTime.toNanos() / 1e6, configuration);
    }
}
