/**
 * Min-max and min-min problems: {@code min_x max_{y ∈ Y} L(x, y)} or {@code min_x min_{y ∈ Y} L(x, y)}, with
 * {@code x ∈ X}.
 *
 * <p>The story of a solve: a user writes {@code L(x, y)} as a {@link org.tandemopt.minmax.SaddleFunction}
 * (its value and two partial gradients, hand-coded or adapted from an automatically differentiated
 * {@code ParametricFunction}), wraps it into an immutable, validated
 * {@link org.tandemopt.minmax.MinMaxProblem} with a {@link org.tandemopt.minmax.Sense}, feasible sets given by
 * projections (box, simplex, ball or any {@code Projection}), a start and optionally a known solution, and
 * hands it to a {@link org.tandemopt.minmax.MinMaxSolver} from {@code org.tandemopt.minmax.solvers} together
 * with the {@code SolveOptions} every Tandem solver takes. Each solver is an {@code IterativeAlgorithm} run by
 * the shared {@code Driver}: budgets, convergence criteria, divergence ({@code DIVERGED} beyond
 * {@code SolveOptions.divergenceBound}), non-finite values ({@code NON_FINITE}), traces and listeners work as
 * everywhere else. The answer is an immutable {@link org.tandemopt.minmax.MinMaxResult}: {@code x}, {@code y},
 * the value, both players' stationarity, the distance to the known solution, the termination, counters, the
 * trace and the configuration.
 *
 * <p>Which solver: gradient descent-ascent as the baseline; extragradient or optimistic GDA for convex-concave
 * (monotone) problems and matrix games; the ridge method with Hölderian backtracking for nonconvex-concave
 * problems whose inner solution is unique — in particular when the minimax point is not a local Nash point,
 * where the first three diverge — and for min-min problems solved block-wise. See {@code docs/MINMAX.md}.
 */
package org.tandemopt.minmax;
