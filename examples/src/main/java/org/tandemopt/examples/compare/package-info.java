/**
 * The solver-comparison harness, a library API for research code: a list of
 * {@link org.tandemopt.examples.compare.Contender}s (named solvers as functions from a problem and shared
 * {@code SolveOptions} to an {@link org.tandemopt.examples.compare.Outcome}) × a list of
 * {@link org.tandemopt.examples.compare.ProblemCase}s (named instances per seed, an optional known solution,
 * extra metrics) × seeds, each run under the same budget with its trace recorded.
 * {@link org.tandemopt.examples.compare.SolverComparison} runs them (one discarded JIT warm-up run per solver,
 * throttled progress lines, {@code core.monitor.Interrupter} support keeping what finished, explicit skips of
 * inapplicable pairs) and returns a {@link org.tandemopt.examples.compare.ComparisonReport}: one
 * {@link org.tandemopt.examples.compare.RunSummary} per run (final value, gradient or hypergradient norm,
 * distance to the known solution, iterations, evaluation counts, wall time, termination), written as a Markdown
 * table, CSV, JSON (with traces) and PNG convergence plots ({@link org.tandemopt.examples.compare.ConvergencePlots},
 * XChart, headless). Outcomes adapt the three result types of the library: {@code OptimizationResult},
 * {@code BilevelResult}, {@code MinMaxResult}.
 */
package org.tandemopt.examples.compare;
