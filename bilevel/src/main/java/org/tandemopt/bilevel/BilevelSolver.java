package org.tandemopt.bilevel;

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

    /** @return a one-line description of the configuration (recorded in results). */
    String describe();
}
