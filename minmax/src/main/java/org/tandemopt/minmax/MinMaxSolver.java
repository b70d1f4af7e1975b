package org.tandemopt.minmax;

import org.tandemopt.core.monitor.SolveOptions;

/**
 * A min-max / min-min solver: immutable configuration, reusable and thread-safe. Every implementation is
 * also an {@code IterativeAlgorithm} run by the shared {@code Driver}, so budgets, criteria, traces,
 * listeners and terminations mean the same as everywhere in Tandem.
 */
public interface MinMaxSolver {

    /** Solves {@code problem} from its start point under {@code options}. */
    MinMaxResult solve(MinMaxProblem problem, SolveOptions options);

    /** Solves with {@link SolveOptions#defaults()}. */
    default MinMaxResult solve(MinMaxProblem problem) {
        return solve(problem, SolveOptions.defaults());
    }

    /**
     * Continues the run saved in {@code checkpoint} (from {@link MinMaxResult#checkpoint()} or a file written with
     * {@link SolveOptions.Builder#checkpointEvery}, read by {@link org.tandemopt.core.monitor.Checkpoint#read}) on
     * the same {@code problem}, with a solver of the same configuration: iterates, counters and trace are bit for
     * bit those of the uninterrupted run. The iteration budget counts from the start of the original run.
     *
     * @throws IllegalArgumentException if an argument is null, the checkpoint was written by another kind of
     *                                  solver or configuration (both named), or does not fit the problem
     */
    MinMaxResult resume(MinMaxProblem problem, org.tandemopt.core.monitor.Checkpoint checkpoint,
                        SolveOptions options);
}
