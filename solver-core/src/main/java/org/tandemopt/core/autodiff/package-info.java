/**
 * Reverse-mode automatic differentiation over vector operations, with forward-over-reverse second-order
 * products, built for the oracles that bilevel and min-max solvers need: {@code ∇_y g}, {@code ∇_x g},
 * {@code H_yy v}, {@code H_yxᵀ w} and {@code H_yx u} at every inner iterate.
 *
 * <h2>The story</h2>
 * A user writes a scalar function of one or more vector arguments with {@link org.tandemopt.core.autodiff.Expr}
 * (elementwise arithmetic and functions, reductions, products with constant or variable matrices, slicing,
 * softmax cross-entropy). Each method call records <em>one node per vector operation</em> on the tape of a
 * {@link org.tandemopt.core.autodiff.GraphBuilder}, and shapes are checked right there. The definition runs
 * once; {@link org.tandemopt.core.autodiff.GraphBuilder#build} freezes it into an immutable
 * {@link org.tandemopt.core.autodiff.Graph}. Evaluation happens in a
 * {@link org.tandemopt.core.autodiff.Workspace} (one per thread) holding, for every node, a value, an adjoint,
 * a tangent and a tangent-of-adjoint buffer:
 * <ul>
 *   <li><b>value</b>: a forward sweep {@code z_k = op_k(inputs)} over preallocated arrays;</li>
 *   <li><b>gradient</b>: a reverse sweep {@code ā += J_aᵀ z̄} from the output seed {@code 1} (Speelpenning;
 *       Griewank &amp; Walther, <i>Evaluating Derivatives</i>, 2nd ed., SIAM 2008, ch. 3–4);</li>
 *   <li><b>second order</b>: forward-over-reverse (Griewank &amp; Walther ch. 5; Pearlmutter, "Fast exact
 *       multiplication by the Hessian", Neural Computation 6, 1994): seed a tangent {@code ẋ} on one input,
 *       push tangents forward {@code ż = J_a ȧ + …}, then run the reverse sweep carrying both adjoints and their
 *       tangents {@code (ā)˙ += J_aᵀ (z̄)˙ + (J_a)˙ᵀ z̄}. The tangent of the adjoint of input {@code j} is
 *       {@code ∂_i ∇_j f · ẋ}: with {@code (x, y)} that is {@code H_yy v}, {@code H_yxᵀ w} or {@code H_yx u}
 *       depending on which input is seeded and which is read.</li>
 * </ul>
 * Each node knows which inputs it depends on, so a sweep only visits the nodes that matter: {@code ∇_y g} skips
 * everything that depends on {@code x} alone, a tangent seeded on {@code y} is zero on {@code x}-only nodes.
 *
 * <h2>Cost</h2>
 * A gradient costs a small constant times a value (each node's adjoint costs about as much as the node), a
 * second-order product about twice a gradient; the bound of Bolte, Boustany, Pauwels and Pesquet-Popescu
 * ("On the complexity of nonsmooth automatic differentiation", ICLR 2023) holds for the nonsmooth primitives
 * too, since their conservative derivatives are as cheap as their values. Buffers are allocated once per thread;
 * every later call allocates nothing. The forward sweep is skipped when the inputs did not change, so the many
 * Hessian-vector products of a conjugate-gradient solve at one point share one forward sweep. Measured ratios are
 * in {@code docs/AUTODIFF.md}.
 *
 * <h2>Nonsmooth primitives</h2>
 * {@code relu}, {@code abs}, {@code max}, {@code min} and the soft-threshold return, at their kinks, the element
 * chosen in {@link org.tandemopt.core.autodiff.Kinks} (default {@code relu'(0) = abs'(0) = 0}); the result is an
 * element of a conservative field (Bolte &amp; Pauwels 2021), not a gradient, and the choice matters
 * (Bertoin et al., NeurIPS 2021).
 *
 * <h2>Example: a bilevel problem defined once</h2>
 * The ridge-regularization problem B3 of the reference catalogue: the lower level
 * {@code g(t, w) = ‖Aw − b‖²/(2N) + (e^t/2)‖w‖²} and the upper level {@code f(w) = ‖Vw − c‖²/(2N_v)}, both
 * {@link org.tandemopt.core.function.ParametricFunction}s with all five oracles (the oracle calls run in
 * {@code RidgeB3ImplicitTest}, which reproduces the reference {@code F(t)} and {@code dF/dt} from them):
 * <pre>{@code
 * ParametricFunction lower = AutoDiff.parametric(1, p, (t, w) ->
 *         w.premultiply(A).minus(b).squaredNorm().div(2.0 * n)
 *          .plus(t.exp().times(w.squaredNorm()).times(0.5)));
 * ParametricFunction upper = AutoDiff.parametric(1, p, (t, w) ->
 *         w.premultiply(V).minus(c).squaredNorm().div(2.0 * nv));
 *
 * // the oracles a hypergradient estimator calls at an inner iterate (t, w):
 * lower.gradientY(t, w, gradW);              // ∇_w g          (inner solver step)
 * lower.hessianYY(t, w, v, hv);              // H_ww v         (conjugate gradient on H_ww v = ∇_w f)
 * lower.crossTranspose(t, w, v, hyxTv);      // H_wtᵀ v        (implicit hypergradient −H_wtᵀ v)
 * lower.cross(t, w, u, hyxU);                // H_wt u         (forward-mode / piggyback estimators)
 * upper.gradientY(t, w, gradF);              // ∇_w f
 *
 * // handed to a bilevel solver (module tandem-bilevel), which calls the oracles above itself:
 * BilevelProblem problem = BilevelProblem.of(upper, lower, new double[] {-4}, new double[p]);
 * BilevelResult r = ApproximateImplicitGradient
 *         .builder(ConjugateGradient.builder().relativeTolerance(1e-13).build())
 *         .innerTolerance(1e-13).stepRule(new ConstantStep(1000)).build()
 *         .solve(problem, SolveOptions.builder().gradientTolerance(1e-12).build());
 * // r.x()[0] = t* = −6.1843600689, r.value() = F* = 7.873027710718e−5
 * }</pre>
 * The solver part runs in {@code AutoDiffBilevelTest} of the examples module (solver-core cannot depend on the
 * bilevel module, so this package links to it only in prose).
 *
 * <h2>Extension point</h2>
 * AD is one way to supply oracles, never a layer every call goes through: hand-coded implementations of
 * {@link org.tandemopt.core.function.DifferentiableFunction} and {@link org.tandemopt.core.function.ParametricFunction}
 * keep full control. A new oracle shape is a thin adapter: the min-max module's {@code SaddleFunction.of(parametric)}
 * already accepts an {@link org.tandemopt.core.autodiff.AdParametricFunction}; an adapter that maps
 * {@code SaddleFunction.gradients} onto {@link org.tandemopt.core.autodiff.AdParametricFunction#valueAndGradients}
 * gets both gradients from one reverse sweep. Anything else can drive a
 * {@link org.tandemopt.core.autodiff.Workspace} (kept in a {@code ThreadLocal}) directly.
 */
package org.tandemopt.core.autodiff;
