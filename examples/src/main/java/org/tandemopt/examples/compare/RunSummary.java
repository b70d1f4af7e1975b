package org.tandemopt.examples.compare;

import java.util.Map;

import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;

/**
 * One finished run of the comparison: which solver on which problem and seed, the summary numbers and the
 * trace. Immutable.
 *
 * @param solver                 the contender's name
 * @param problem                the problem's name
 * @param seed                   the seed of the instance
 * @param termination            why it stopped
 * @param iterations             iterations done
 * @param value                  final value
 * @param gradientNorm           final gradient, hypergradient or saddle-gradient norm
 * @param distanceToSolution     {@code ‖x − x*‖} (or the solver's own distance), NaN without a known solution
 * @param valueEvaluations       objective evaluations
 * @param gradientEvaluations    gradient evaluations
 * @param secondOrderEvaluations second-order products
 * @param wallMillis             wall time in milliseconds
 * @param metrics                the problem's extra metrics, in order
 * @param x                      the final point
 * @param trace                  the per-iteration trace
 */
public record RunSummary(String solver, String problem, long seed, Termination termination, int iterations,
                         double value, double gradientNorm, double distanceToSolution, long valueEvaluations,
                         long gradientEvaluations, long secondOrderEvaluations, double wallMillis,
                         Map<String, Double> metrics, double[] x, Trace trace) {

    /** Copies the mutable parts. */
    public RunSummary {
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(metrics));
        x = x.clone();
    }

    /** @return the final point (a copy). */
    @Override
    public double[] x() {
        return x.clone();
    }

    /** @return the metric {@code name}, NaN when absent. */
    public double metric(String name) {
        Double v = metrics.get(name);
        return v == null ? Double.NaN : v;
    }
}
