package org.tandemopt.bilevel;

import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * A solver of {@link BilevelProblem}s. Implementations ({@link SingleStepMultiStep},
 * {@link DifferentiableProgramming}, {@link ApproximateImplicitGradient}) are immutable configuration and
 * thread-safe; every solve runs in the shared {@link org.tandemopt.core.monitor.Driver} loop with the given
 * {@link SolveOptions} (budgets, convergence criterion on the hypergradient norm, trace, listeners).
 */
public interface BilevelSolver {

    /**
     * Solves {@code problem} from its starting point.
     *
     * @throws IllegalArgumentException if an argument is null or the problem does not fit the solver
     */
    BilevelResult solve(BilevelProblem problem, SolveOptions options);

    /** Solves with {@link SolveOptions#defaults()}. */
    default BilevelResult solve(BilevelProblem problem) {
        return solve(problem, SolveOptions.defaults());
    }

    /**
     * Continues the run saved in {@code checkpoint} (from {@link BilevelResult#checkpoint()} or a file written
     * with {@link SolveOptions.Builder#checkpointEvery}, read by {@link Checkpoint#read}) on the same
     * {@code problem}, with a solver of the same configuration: the iterates, estimates, counters and trace
     * are bit for bit those of the uninterrupted run. The iteration budget counts from the start of the
     * original run.
     *
     * @throws IllegalArgumentException if an argument is null, the checkpoint was written by another kind of
     *                                  solver or another configuration (both named), or does not fit the problem
     */
    BilevelResult resume(BilevelProblem problem, Checkpoint checkpoint, SolveOptions options);

    /** @return a one-line description of the configuration (recorded in results). */
    String describe();
}
