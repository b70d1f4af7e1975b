/**
 * Dense linear algebra on {@code double[]} and the linear solvers of implicit differentiation.
 *
 * <h2>Why this package exists</h2>
 * Every implicit hypergradient needs one linear solve, {@code H_yy v = ∇_y f} with
 * {@code H_yy = ∇²_yy g} at the inner solution (see {@code docs/ARCHITECTURE.md}); the Hessian is usually
 * available only through Hessian-vector products. So the central type is {@link
 * org.tandemopt.core.linalg.LinearOperator} — a square map given by its action {@code out ← A v} — and
 * every solver implements one contract, {@link org.tandemopt.core.linalg.LinearSolver}: solve
 * {@code A v = b} with {@code v} carrying the warm start in and the answer out, and return a
 * {@link org.tandemopt.core.linalg.LinearSolveResult} that says how it ended
 * ({@link org.tandemopt.core.linalg.LinearSolveStatus}), the true residual {@code ‖b − A v‖}, iterations,
 * operator applications, and what was learned about {@code A} (a negative-curvature flag, the inertia).
 * A solve never throws for numerical trouble; it throws {@link java.lang.IllegalArgumentException} only
 * for bad arguments.
 *
 * <h2>The solvers</h2>
 * <ul>
 *   <li>{@link org.tandemopt.core.linalg.ConjugateGradient} — symmetric positive definite, matrix-free,
 *       optional Jacobi preconditioner ({@link org.tandemopt.core.linalg.Preconditioners}); stops with
 *       {@code NEGATIVE_CURVATURE} when {@code pᵀAp ≤ 0}.</li>
 *   <li>{@link org.tandemopt.core.linalg.Minres} — Paige–Saunders MINRES for symmetric indefinite
 *       {@code H_yy} (saddle points, non-convex lower problems).</li>
 *   <li>{@link org.tandemopt.core.linalg.NeumannSeries} — the truncated series
 *       {@code α Σ_{k<K} (I − αA)^k b} of Neumann-series hypergradients, with divergence detection.</li>
 *   <li>{@link org.tandemopt.core.linalg.DenseCholesky} and {@link org.tandemopt.core.linalg.DenseLU} —
 *       direct solves through ojAlgo (single-threaded, hidden behind a package-private facade); Cholesky
 *       also reports the inertia of a symmetric matrix that is not positive definite.</li>
 * </ul>
 * {@link org.tandemopt.core.linalg.LinearSolvers} creates them by name. The iterative solvers confirm
 * convergence with the true residual (and restart if the recursive one drifted), so the reported residual
 * can be trusted; they allocate their work vectors once per solve and nothing per iteration. All solvers
 * are immutable and thread-safe.
 *
 * <h2>Matrices and kernels</h2>
 * {@link org.tandemopt.core.linalg.Vectors} holds the allocation-free vector kernels (dot, overflow-safe
 * norm, axpy, ...), {@link org.tandemopt.core.linalg.DenseMatrix} an immutable row-major matrix whose
 * products run on {@link org.tandemopt.core.linalg.MatrixKernels}, and
 * {@link org.tandemopt.core.linalg.LinearOperator#of(org.tandemopt.core.linalg.DenseMatrix)} wraps a matrix
 * as a {@link org.tandemopt.core.linalg.MatrixOperator}, which the direct solvers read without applying
 * the operator {@code d} times.
 */
package org.tandemopt.core.linalg;
