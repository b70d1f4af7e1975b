/**
 * Proximal operators and projections: the nonsmooth half of composite problems {@code min_u J(u) + r(u)}.
 *
 * <p>A {@link org.tandemopt.core.optim.prox.ProximalOperator} computes
 * {@code prox_{t r}(v) = argmin_u r(u) + ‖u − v‖²/(2t)} for a closed convex {@code r}; a
 * {@link org.tandemopt.core.optim.prox.Projection} is the special case of the indicator of a closed convex set,
 * where the prox is the Euclidean projection for every {@code t}. Proximal gradient methods
 * ({@code org.tandemopt.core.optim.ProximalGradient}: ISTA and FISTA) take one, and the bilevel module uses
 * them in forward-backward inner algorithms and for feasible sets of the upper variable {@code x}.
 *
 * <p>What is here:
 * <ul>
 *   <li>{@link org.tandemopt.core.optim.prox.L1Norm} — {@code Σ λ_i|u_i|}, the soft-threshold (Lasso);</li>
 *   <li>{@link org.tandemopt.core.optim.prox.ElasticNet} — {@code λ₁‖u‖₁ + (λ₂/2)‖u‖²}, soft-threshold then
 *       shrink;</li>
 *   <li>{@link org.tandemopt.core.optim.prox.GroupL1} — {@code Σ_g w_g‖u_g‖₂} over non-overlapping groups, the
 *       block soft-threshold (group lasso);</li>
 *   <li>{@link org.tandemopt.core.optim.prox.NonNegative} — projection onto {@code u ≥ 0};</li>
 *   <li>box, simplex and Euclidean-ball projections.</li>
 * </ul>
 *
 * <p><b>Derivatives through a prox.</b> Differentiating an inner forward-backward iteration
 * {@code y ↦ prox_{t r}(y − t∇_y g(x, y))} (unrolled, piggyback or implicit) needs the Jacobian of the prox.
 * These maps are only piecewise smooth; at a kink (for the soft-threshold, {@code |v_i| = tλ_i}) the Clarke
 * Jacobian is a set, and any selection from it is a conservative Jacobian in the sense of Bolte and Pauwels
 * ("Conservative set valued fields, automatic differentiation, stochastic gradient methods and deep
 * learning", Math. Programming 2021), which is what makes unrolled derivatives of such iterations meaningful.
 * {@code jacobianDiagonal} (separable operators) and {@code jacobianVector} (any operator that opts in) return
 * one documented element; every operator here selects 0 at kinks by default (the choice that makes the
 * Jacobian vanish off the support of the solution, as the implicit formula on the support does) and lets the
 * caller choose another value in the Clarke Jacobian with {@code withKinkDerivative(s)}, {@code s ∈ [0, 1]}.
 *
 * <p>Conventions: operators are immutable and thread-safe, {@code prox} allocates nothing and {@code out} may
 * alias {@code v}; a {@code dimension()} of {@code -1} means the operator acts entrywise on any length. Bad
 * arguments (a step {@code t ≤ 0}, a wrong length, a negative weight) throw
 * {@link java.lang.IllegalArgumentException} naming the argument; a NaN input propagates to the output.
 */
package org.tandemopt.core.optim.prox;
