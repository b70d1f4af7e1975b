/**
 * Hypergradient estimators: interchangeable ways to estimate {@code ∇φ(x)} for {@code φ(x) = f(x, y*(x))}.
 *
 * <p>Each {@link org.tandemopt.bilevel.hypergradient.HypergradientEstimator} runs an inner algorithm for a
 * scheduled number of steps and differentiates. They differ in what they differentiate and what it costs:
 * <table>
 *   <caption>estimators</caption>
 *   <tr><th>estimator</th><th>estimate</th><th>bias</th><th>memory</th></tr>
 *   <tr><td>{@link org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation}</td>
 *       <td>{@code ∇_x f − H_yxᵀ H_yy⁻¹ ∇_y f} at {@code y_K}</td><td>{@code O(‖y_K − y*‖ + solve residual)}</td>
 *       <td>{@code O(m)}</td></tr>
 *   <tr><td>{@link org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation}</td>
 *       <td>exact {@code ∇F_K}, reverse mode</td><td>{@code O(K q^K)}, may grow transiently</td>
 *       <td>{@code K} states, {@code ≈2√K} or {@code O(log K)} with checkpointing</td></tr>
 *   <tr><td>{@link org.tandemopt.bilevel.hypergradient.ForwardDifferentiation}</td>
 *       <td>exact {@code ∇F_K}, forward mode</td><td>as unrolled</td><td>{@code O(S n)}</td></tr>
 *   <tr><td>{@link org.tandemopt.bilevel.hypergradient.TruncatedBackpropagation}</td>
 *       <td>last {@code w} steps</td><td>{@code ≈ q^w}</td><td>{@code w} states</td></tr>
 *   <tr><td>{@link org.tandemopt.bilevel.hypergradient.OneStepDifferentiation}</td>
 *       <td>last step</td><td>exact in the limit for Newton; a fixed factor for gradient descent</td>
 *       <td>1 state</td></tr>
 *   <tr><td>{@link org.tandemopt.bilevel.hypergradient.FiniteDifferenceHypergradient}</td>
 *       <td>central differences of {@code F_K}</td><td>{@code O(h²)}; checks only</td><td>2 states</td></tr>
 * </table>
 *
 * <p>An estimator is immutable; its {@link org.tandemopt.bilevel.hypergradient.EstimatorSession} holds the
 * buffers (the tape is one preallocated {@code double[]}; no allocation per inner step) and the warm starts.
 * Every estimate carries {@link org.tandemopt.bilevel.hypergradient.EstimatorDiagnostics}: inner residual,
 * linear-solve residual and iterations, oracle counts, peak stored states, wall time, what was learned about
 * {@code H_yy} (singular, indefinite, inertia) and the growth of propagated derivatives. An estimate that
 * cannot be trusted says so in its {@link org.tandemopt.bilevel.hypergradient.HypergradientStatus}.
 */
package org.tandemopt.bilevel.hypergradient;
