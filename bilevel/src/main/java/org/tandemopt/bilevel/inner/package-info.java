/**
 * Inner solvers seen as differentiable maps.
 *
 * <p>Every hypergradient estimator except implicit differentiation looks at the lower-level solver as a
 * map {@code s_{k+1} = F(x, s_k)} and needs the products of its Jacobians {@code A = ∂_s F} and
 * {@code B = ∂_x F} with vectors: reverse mode (unrolling, truncated and one-step differentiation) uses
 * {@code Aᵀ v} and {@code Bᵀ v}, forward mode (piggyback) {@code A u + B w}. An {@link
 * org.tandemopt.bilevel.inner.InnerAlgorithm} is the immutable recipe; {@link
 * org.tandemopt.bilevel.inner.InnerAlgorithm#bind bind} makes an {@link org.tandemopt.bilevel.inner.InnerMap}
 * that owns buffers and counters, so steps and products allocate nothing. The products are assembled from
 * the lower objective's oracles {@code H_yy v}, {@code H_yx u} and {@code H_yxᵀ w}.
 *
 * <p>Provided: gradient descent ({@link org.tandemopt.bilevel.inner.GradientStep}, fixed step or
 * {@code 1/L̂}), heavy ball ({@link org.tandemopt.bilevel.inner.HeavyBall}, state {@code (y, y_prev)}),
 * Nesterov ({@link org.tandemopt.bilevel.inner.Nesterov}) and Newton
 * ({@link org.tandemopt.bilevel.inner.NewtonStep}, the map whose {@code A} vanishes at the solution).
 */
package org.tandemopt.bilevel.inner;
