package org.tandemopt.examples.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

import org.tandemopt.core.function.Functions;

/**
 * A named problem of the comparison: an instance per seed (the seed may choose the data, the start or nothing),
 * an optional known solution {@code x*} (the comparison then reports {@code ‖x − x*‖}), and extra metrics
 * computed on each run's final point (test accuracy, validation loss...).
 *
 * @param name     what the tables and plot titles print
 * @param instance the problem instance for a seed
 * @param solution the known {@code x*}, or {@code null}
 * @param metrics  extra columns, in order
 * @param <P>      the problem type
 */
public record ProblemCase<P>(String name, LongFunction<P> instance, double[] solution, List<Metric> metrics) {

    /** A named number computed from a run's final {@code x} and {@code y} ({@code y} may be null). */
    public record Metric(String name, Evaluation evaluation) {
        /** Validates the name. */
        public Metric {
            Functions.requireNonNull("name", name);
            Functions.requireNonNull("evaluation", evaluation);
        }
    }

    /** The computation of a metric. */
    @FunctionalInterface
    public interface Evaluation {
        /** @return the metric at the final {@code x}, {@code y}. */
        double apply(double[] x, double[] y);
    }

    /** Validates and copies. */
    public ProblemCase {
        Functions.requireNonNull("name", name);
        Functions.requireNonNull("instance", instance);
        solution = solution == null ? null : solution.clone();
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    /** @return a problem that does not depend on the seed, with no known solution. */
    public static <P> ProblemCase<P> of(String name, P problem) {
        Functions.requireNonNull("problem", problem);
        return new ProblemCase<>(name, seed -> problem, null, List.of());
    }

    /** @return a problem with a known solution {@code x*}, independent of the seed. */
    public static <P> ProblemCase<P> of(String name, P problem, double[] solution) {
        Functions.requireNonNull("problem", problem);
        return new ProblemCase<>(name, seed -> problem, solution, List.of());
    }

    /** @return a copy with one more metric. */
    public ProblemCase<P> withMetric(String metricName, Evaluation evaluation) {
        List<Metric> m = new ArrayList<>(metrics);
        m.add(new Metric(metricName, evaluation));
        return new ProblemCase<>(name, instance, solution, m);
    }

    /** @return the known solution (a copy), or {@code null}. */
    @Override
    public double[] solution() {
        return solution == null ? null : solution.clone();
    }
}
