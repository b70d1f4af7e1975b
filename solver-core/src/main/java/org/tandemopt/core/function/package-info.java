/**
 * The functions Tandem optimizes, as oracles on {@code double[]}.
 *
 * <h2>Two shapes</h2>
 * {@link org.tandemopt.core.function.DifferentiableFunction} is a smooth {@code J : R^d → R} with a fused
 * value-and-gradient oracle and an optional Hessian-vector product — what single-level optimizers
 * ({@code core.optim}) and inner solvers see. {@link org.tandemopt.core.function.ParametricFunction} is a
 * function {@code h(x, y)} of a parameter {@code x ∈ R^n} and a variable {@code y ∈ R^m} — the shape of the
 * lower objective {@code g} and the upper objective {@code f} of a bilevel problem — with exactly the
 * oracles a hypergradient needs: {@code ∇_y h}, {@code ∇_x h}, {@code H_yy v}, {@code H_yxᵀ w} and
 * {@code H_yx u}, where {@code H_yx = ∂_x ∇_y h}. {@link
 * org.tandemopt.core.function.ParametricFunction#atParameter(double[])} views {@code y ↦ h(x, y)} as a
 * {@code DifferentiableFunction} so any optimizer can solve the lower problem.
 *
 * <h2>Contracts</h2>
 * Functions are pure and thread-safe; every oracle writes into an array the caller owns, so a solver that
 * reuses its buffers allocates nothing per iteration. Second-order oracles are optional
 * ({@code hasHessianVector()}, {@code hasSecondOrder()}): hand-written functions supply them, automatic
 * differentiation ({@code core.autodiff}) derives them, and
 * {@link org.tandemopt.core.function.FiniteDifferences} supplies them, explicitly, as central differences of
 * gradients (about ten correct digits; for checks and iterative linear solves, never silently).
 *
 * <h2>Argument checks</h2>
 * {@link org.tandemopt.core.function.Functions} holds the shared validators: every public entry point of
 * the library rejects bad input with an {@link java.lang.IllegalArgumentException} that names the
 * argument, the value seen and what was expected.
 */
package org.tandemopt.core.function;
