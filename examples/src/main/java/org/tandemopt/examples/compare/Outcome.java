package org.tandemopt.examples.compare;

import java.time.Duration;

import org.tandemopt.bilevel.BilevelResult;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.minmax.MinMaxResult;

/**
 * What one solver run returns to the {@link SolverComparison}, whatever kind of solver it is: the point
 * {@code x} (the minimiser, the upper variable, or the min player), an optional second block {@code y} (the
 * lower variable or the max player, {@code null} for single-level problems), the final value and stationarity
 * measure (gradient, hypergradient or projected saddle-gradient norm), the counters, the wall time, the
 * termination and the trace. Adapters: {@link #of(OptimizationResult)}, {@link #of(BilevelResult)},
 * {@link #of(MinMaxResult)}.
 *
 * @param x                      the point (copied)
 * @param y                      the second block, or {@code null}
 * @param value                  the final objective value ({@code J}, {@code φ̂} or {@code L})
 * @param gradientNorm           the final stationarity measure
 * @param distanceToSolution     the distance to a known solution when the solver's result knows it, else NaN
 *                               (the comparison then measures {@code ‖x − x*‖} itself when the problem knows
 *                               {@code x*})
 * @param iterations             iterations done
 * @param valueEvaluations       objective evaluations
 * @param gradientEvaluations    gradient evaluations
 * @param secondOrderEvaluations Hessian-vector and mixed products
 * @param wallTime               wall time of the solve
 * @param termination            why it stopped
 * @param trace                  the per-iteration trace (empty when not recorded)
 */
public record Outcome(double[] x, double[] y, double value, double gradientNorm, double distanceToSolution,
                      int iterations, long valueEvaluations, long gradientEvaluations,
                      long secondOrderEvaluations, Duration wallTime, Termination termination, Trace trace) {

    /** Validates the required parts. */
    public Outcome {
        Functions.requireNonNull("x", x);
        Functions.requireNonNull("wallTime", wallTime);
        Functions.requireNonNull("termination", termination);
        trace = trace == null ? Trace.empty() : trace;
        x = x.clone();
        y = y == null ? null : y.clone();
    }

    /** @return the point (a copy). */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return the second block (a copy), or {@code null}. */
    @Override
    public double[] y() {
        return y == null ? null : y.clone();
    }

    /** @return the outcome of a single-level optimizer ({@code y = null}). */
    public static Outcome of(OptimizationResult r) {
        return new Outcome(r.point(), null, r.value(), r.gradientNorm(), Double.NaN, r.iterations(),
                r.valueEvaluations(), r.gradientEvaluations(), r.secondOrderEvaluations(), r.wallTime(),
                r.termination(), r.trace());
    }

    /** @return the outcome of a bilevel solver: {@code x} upper, {@code y} lower, the hypergradient norm. */
    public static Outcome of(BilevelResult r) {
        return new Outcome(r.x(), r.y(), r.value(), r.hypergradientNorm(), Double.NaN, r.iterations(),
                r.valueEvaluations(), r.gradientEvaluations(), r.secondOrderEvaluations(), r.wallTime(),
                r.termination(), r.trace());
    }

    /** @return the outcome of a min-max solver, with its own distance to the problem's known solution. */
    public static Outcome of(MinMaxResult r) {
        return new Outcome(r.x(), r.y(), r.value(), r.gradientXNorm(), r.distanceToSolution(), r.iterations(),
                r.valueEvaluations(), r.gradientEvaluations(), r.secondOrderEvaluations(), r.wallTime(),
                r.termination(), r.trace());
    }

    /** @return the sum of the evaluation counters. */
    public long totalEvaluations() {
        return valueEvaluations + gradientEvaluations + secondOrderEvaluations;
    }
}
