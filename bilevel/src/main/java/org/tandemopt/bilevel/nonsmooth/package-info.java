/**
 * Bilevel problems whose lower level is not smooth: {@code g(x, y) = h(x, y) + r(x, y)} with {@code h} smooth
 * (the problem's lower {@code ParametricFunction}) and {@code r} prox-friendly ({@link
 * org.tandemopt.bilevel.nonsmooth.ParametricProx}: ℓ1 or elastic net with weights {@code λ(x)} in
 * {@link org.tandemopt.bilevel.nonsmooth.ParametricElasticNet}; box, simplex, ball and group ℓ1 from
 * {@code core.optim.prox} through {@code ParametricProx.of}).
 *
 * <p>The story has three parts.
 * <ol>
 *   <li><b>Inner algorithms as maps with selected conservative Jacobians.</b>
 *       {@link org.tandemopt.bilevel.nonsmooth.ForwardBackward} (ISTA, FISTA),
 *       {@link org.tandemopt.bilevel.nonsmooth.DouglasRachford} and {@link org.tandemopt.bilevel.nonsmooth.Admm}
 *       implement {@code InnerAlgorithm}: each step's {@code A = ∂_s F} and {@code B = ∂_x F} are the chain rule
 *       applied to the prox's selected Jacobian elements, with the selection at kinks documented (soft-threshold
 *       derivative 0 at {@code |u| = τ} by default). They report the gradient-mapping norm as the inner
 *       stationarity ({@code InnerMap.stationarity}).</li>
 *   <li><b>Piggyback differentiation.</b> The module's {@code ForwardDifferentiation} (forward) and
 *       {@code UnrolledDifferentiation} (reverse) run unchanged on these maps, with their derivative-growth
 *       monitor: Bolte, Pauwels, Vaiter, "Automatic differentiation of nonsmooth iterative algorithms",
 *       NeurIPS 2022, prove that the derivatives converge to a conservative Jacobian of the solution when the
 *       selected Jacobians contract.</li>
 *   <li><b>Nonsmooth implicit differentiation.</b> {@link org.tandemopt.bilevel.nonsmooth.SupportRestrictedJacobian}
 *       solves the implicit system of the forward-backward fixed point restricted to the identified support,
 *       checks the qualification {@code σ_min(I − A_SS)} for the selected element and, at kinks, for both
 *       extreme selections, and reports a {@link org.tandemopt.bilevel.nonsmooth.NonsmoothStatus}; the estimator
 *       {@code hypergradient.NonsmoothImplicitDifferentiation} uses it inside SSMS and AID. Bolte, Le, Pauwels,
 *       Silveti-Falls, "Nonsmooth implicit differentiation for machine learning and optimization", NeurIPS 2021.</li>
 * </ol>
 * See {@code docs/NONSMOOTH.md} for the tour, the tests and the numbers.
 */
package org.tandemopt.bilevel.nonsmooth;
