package org.tandemopt.examples.compare;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * A named solver as the comparison runs it: a function from a problem instance and the shared options to an
 * {@link Outcome}. The options carry the budget, the trace switch, the progress listener and the interrupter;
 * a contender must pass them to its solver unchanged, so every contender runs under the same budget.
 *
 * <pre>{@code
 * Contender<BilevelProblem> aid = Contender.of("AID, CG",
 *         (problem, options) -> Outcome.of(ApproximateImplicitGradient.builder(cg).build().solve(problem, options)));
 * }</pre>
 *
 * @param name       what the tables and plot legends print
 * @param runner     the solve
 * @param applicable which problem instances the solver applies to (the others are skipped, and the report
 *                   lists the skips with their reason)
 * @param reason     why it does not apply elsewhere (printed with the skips)
 * @param <P>        the problem type
 */
public record Contender<P>(String name, Runner<P> runner, java.util.function.Predicate<P> applicable,
                           String reason) {

    /** A solve of one problem instance under the given options. */
    @FunctionalInterface
    public interface Runner<P> {
        /** @return the outcome of solving {@code problem} under {@code options}. */
        Outcome run(P problem, SolveOptions options);
    }

    /** Validates the name and runner. */
    public Contender {
        Functions.requireNonNull("name", name);
        Functions.requireNonNull("runner", runner);
        Functions.requireNonNull("applicable", applicable);
        reason = reason == null ? "" : reason;
        if (name.isBlank()) {
            throw new IllegalArgumentException("name is blank, expected a display name");
        }
    }

    /** @return a contender. */
    public static <P> Contender<P> of(String name, Runner<P> runner) {
        return new Contender<>(name, runner, p -> true, "");
    }

    /** @return a copy that only runs on the instances {@code when} accepts, skipping the others for {@code why}. */
    public Contender<P> onlyWhen(java.util.function.Predicate<P> when, String why) {
        return new Contender<>(name, runner, when, why);
    }
}
