/**
 * Bilevel optimization: {@code min_{x ∈ C} φ(x) = f(x, y*(x))} with {@code y*(x) = argmin_y g(x, y)}.
 *
 * <p>The story of a solve. A {@link org.tandemopt.bilevel.BilevelProblem} holds the upper and lower objectives
 * as {@code ParametricFunction}s, the optional feasible set of {@code x} and the start. A solver —
 * {@link org.tandemopt.bilevel.SingleStepMultiStep} (SSMS), {@link org.tandemopt.bilevel.DifferentiableProgramming}
 * (DP) or {@link org.tandemopt.bilevel.ApproximateImplicitGradient} (AID) — runs the shared outer loop in the
 * monitor's {@code Driver}: at each iteration an inner algorithm ({@code bilevel.inner}) advances {@code y}
 * (warm-started for SSMS and AID, from the fixed {@code y_0} for DP) as an {@link org.tandemopt.bilevel.InnerSchedule}
 * says, a hypergradient estimator ({@code bilevel.hypergradient}) turns the inner run into an estimate of
 * {@code ∇φ(x)} with diagnostics, and a step rule of {@code core.linesearch} takes the projected outer step.
 * The result is a {@link org.tandemopt.bilevel.BilevelResult} with the termination, the trace (estimator
 * diagnostics as extras) and the configuration.
 *
 * <p>The three solvers are the same loop with different settings:
 * <table>
 *   <caption>solvers</caption>
 *   <tr><th>solver</th><th>inner state</th><th>inner steps</th><th>estimator</th></tr>
 *   <tr><td>SSMS</td><td>warm-started</td><td>N fixed, or until {@code ‖∇_y g‖ ≤ c‖∇̂φ‖}</td><td>any</td></tr>
 *   <tr><td>DP</td><td>from {@code y_0} every time</td><td>N fixed</td><td>unrolled (or forward): exact {@code ∇F_N}</td></tr>
 *   <tr><td>AID</td><td>warm-started</td><td>until {@code ‖∇_y g‖ ≤ ε}</td><td>implicit</td></tr>
 * </table>
 * An estimate that cannot be trusted (singular or indefinite {@code H_yy}, failed linear solve, derivative
 * blow-up, non-finite numbers) ends the run with the matching {@code Termination}; it is never used silently.
 */
package org.tandemopt.bilevel;
