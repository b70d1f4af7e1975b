package org.tandemopt.core.monitor;

import java.util.Map;

/**
 * An immutable snapshot of one iteration, as listeners and the trace see it. Quantities the algorithm does
 * not compute are {@code NaN}. {@code extras} holds the algorithm-specific quantities in the order of
 * {@link IterativeAlgorithm#extraNames()} (for example the inner residual of a bilevel solver).
 */
public record IterationRecord(
        int iteration,
        double value,
        double gradientNorm,
        double stepNorm,
        double stepSize,
        double pointNorm,
        double derivativeNorm,
        long valueEvaluations,
        long gradientEvaluations,
        long secondOrderEvaluations,
        long elapsedNanos,
        Map<String, Double> extras) {

    public IterationRecord {
        extras = extras == null || extras.isEmpty() ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extras));
    }

    /** @return the sum of the evaluation counters. */
    public long totalEvaluations() {
        return valueEvaluations + gradientEvaluations + secondOrderEvaluations;
    }

    /** @return the extra quantity {@code name}, or NaN when absent. */
    public double extra(String name) {
        Double v = extras.get(name);
        return v == null ? Double.NaN : v;
    }
}
