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
}
