/**
 * The min-max / min-min solvers and their building blocks.
 *
 * <p>First-order saddle-point methods, sharing {@link org.tandemopt.minmax.solvers.SaddlePointMethod} and
 * {@link org.tandemopt.minmax.solvers.GameState}: {@link org.tandemopt.minmax.solvers.GradientDescentAscent}
 * (simultaneous or alternating, one step rule per player), {@link org.tandemopt.minmax.solvers.Extragradient}
 * (Korpelevich) and {@link org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent} (Popov). They move
 * both players at once along {@code (−∇_x L, ±∇_y L)}, projected onto the feasible sets, and report the
 * saddle residual.
 *
 * <p>The {@link org.tandemopt.minmax.solvers.RidgeMethod} instead descends the value function
 * {@code G(x) = max_y L(x, y)} (or {@code min_y}) along the Danskin gradient {@code ∇_x L(x, y*(x))}: an
 * {@link org.tandemopt.minmax.solvers.InnerSolver} follows the ridge {@code y*(x)} with warm starts (by default
 * gradient ascent — the core {@code GradientDescent} on {@code −L(x, ·)} — or
 * {@link org.tandemopt.minmax.solvers.ProjectedGradient} when {@code Y} is constrained), and the outer step is
 * the core {@code ArmijoBacktracking} run over a line whose every value is a warm-started inner solve; with
 * expansion factor 2 the step recovers after crossing a region where {@code ∇G} is only Hölder continuous.
 */
package org.tandemopt.minmax.solvers;
