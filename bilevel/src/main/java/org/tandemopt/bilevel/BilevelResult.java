package org.tandemopt.bilevel;

import java.time.Duration;

import org.tandemopt.bilevel.hypergradient.EstimatorDiagnostics;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;

/**
 * The immutable outcome of a bilevel solve: the final {@code x}, the inner point {@code y} used there,
 * {@code φ̂ = f(x, y)}, the norm of the last hypergradient estimate, the inner residual {@code ‖∇_y g(x, y)‖},
 * the {@link Termination}, the trace (per-iteration estimator diagnostics are its extras, named by
 * {@link OuterLoop#EXTRAS}), counters, wall time, the last estimator diagnostics and the configuration used.
 *
 * <p>When the estimate at a new iterate could not be trusted (NaN/∞, indefinite or singular {@code H_yy}, a
 * failed linear solve, a derivative blow-up), the run ends there with that status's termination, but {@code x},
 * {@code y}, the value and the norms are those of the previous iterate — the last one whose estimate could be
 * trusted — while {@link #lastDiagnostics()} are the rejected estimate's (they say why).
 */
public final class BilevelResult {

    private final double[] x;
    private final double[] y;
    private final double value;
    private final double hypergradientNorm;
    private final double innerResidual;
    private final Termination termination;
    private final Trace trace;
    private final int iterations;
    private final long gradientEvaluations;
    private final long secondOrderEvaluations;
    private final long valueEvaluations;
    private final Duration wallTime;
    private final EstimatorDiagnostics lastDiagnostics;
    private final String configuration;
    private final String options;
    private final org.tandemopt.core.monitor.Checkpoint checkpoint;

    BilevelResult(double[] x, double[] y, double value, double hypergradientNorm, double innerResidual,
                  Termination termination, Trace trace, int iterations, long valueEvaluations,
                  long gradientEvaluations, long secondOrderEvaluations, Duration wallTime,
                  EstimatorDiagnostics lastDiagnostics, String configuration, String options,
                  org.tandemopt.core.monitor.Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
        this.x = x.clone();
        this.y = y.clone();
        this.value = value;
        this.hypergradientNorm = hypergradientNorm;
        this.innerResidual = innerResidual;
        this.termination = termination;
        this.trace = trace;
        this.iterations = iterations;
        this.valueEvaluations = valueEvaluations;
        this.gradientEvaluations = gradientEvaluations;
        this.secondOrderEvaluations = secondOrderEvaluations;
        this.wallTime = wallTime;
        this.lastDiagnostics = lastDiagnostics;
        this.configuration = configuration;
        this.options = options;
    }

    /** @return a copy of the final upper variable. */
    public double[] x() { return x.clone(); }
    /** @return a copy of the inner point used at the final {@code x}. */
    public double[] y() { return y.clone(); }
    /** @return {@code f(x, y)}, the estimate of {@code φ(x)}. */
    public double value() { return value; }
    /** @return the norm of the last hypergradient estimate. */
    public double hypergradientNorm() { return hypergradientNorm; }
    /** @return {@code ‖∇_y g(x, y)‖} at the final point. */
    public double innerResidual() { return innerResidual; }
    public Termination termination() { return termination; }
    /** @return the trace (empty unless requested in the options). */
    public Trace trace() { return trace; }
    /** @return outer iterations. */
    public int iterations() { return iterations; }
    public long valueEvaluations() { return valueEvaluations; }
    /** @return gradient evaluations of {@code f} and {@code g}, line searches included. */
    public long gradientEvaluations() { return gradientEvaluations; }
    /** @return {@code H_yy} and mixed products. */
    public long secondOrderEvaluations() { return secondOrderEvaluations; }
    public Duration wallTime() { return wallTime; }
    /** @return the diagnostics of the last hypergradient estimate. */
    public EstimatorDiagnostics lastDiagnostics() { return lastDiagnostics; }
    /**
     * @return the final state of the run (and its trace when traced) as a checkpoint: write it to a file, and
     *         {@link BilevelSolver#resume} continues the run exactly where it stopped (after a budget, a time
     *         limit or an interruption), as if it had never stopped
     */
    public org.tandemopt.core.monitor.Checkpoint checkpoint() { return checkpoint; }
    /** @return the solver's configuration (its {@code describe()}). */
    public String configuration() { return configuration; }
    /** @return the run options, as text. */
    public String options() { return options; }

    @Override
    public String toString() {
        return String.format("BilevelResult{%s, x=%s, value=%.12g, |hypergradient|=%.3e, innerResidual=%.3e, "
                        + "iterations=%d, time=%.3f ms, by %s}", termination, java.util.Arrays.toString(x), value,
                hypergradientNorm, innerResidual, iterations, wallTime.toNanos() / 1e6, configuration);
    }
}
