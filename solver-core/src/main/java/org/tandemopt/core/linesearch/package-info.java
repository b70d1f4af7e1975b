/**
 * Step sizes: how far an optimizer moves along its direction.
 *
 * <p>Every optimizer and solver takes its step through one interface, {@link org.tandemopt.core.linesearch.StepRule}:
 * immutable configuration that creates, per run, a {@link org.tandemopt.core.linesearch.StepSearch} holding the
 * rule's memory (last accepted step, previous point and gradient). The search sees the objective restricted to
 * the ray, {@code φ(t) = J(x + t d)}, as a {@link org.tandemopt.core.linesearch.LineFunction}: over a plain
 * function that is {@link org.tandemopt.core.linesearch.FunctionLine} (allocation-free, counting evaluations on
 * the run's state); the min-max ridge method supplies its own line, whose every point costs an inner solve. Any
 * rule can therefore be plugged into any method, and a rule's memory can be exported and restored with the rest
 * of a checkpoint.
 *
 * <p>The rules, from the cheapest to the most careful:
 * <ul>
 * <li>{@link org.tandemopt.core.linesearch.ConstantStep} and {@link org.tandemopt.core.linesearch.DecayingStep}:
 *     schedules that never evaluate the line (the theory's {@code 1/L} step, stochastic approximation);</li>
 * <li>{@link org.tandemopt.core.linesearch.BarzilaiBorwein}: the two-point step {@code sᵀs/sᵀy} or
 *     {@code sᵀy/yᵀy}, free without its optional nonmonotone (Grippo–Lampariello–Lucidi) safeguard;</li>
 * <li>{@link org.tandemopt.core.linesearch.ArmijoBacktracking}: sufficient decrease by backtracking, with an
 *     expansion factor that lets the step grow again after a success — the Hölderian backtracking of Bolte,
 *     Glaudin, Pauwels and Serrurier, which adapts to gradients that are only Hölder continuous;</li>
 * <li>{@link org.tandemopt.core.linesearch.StrongWolfe}: the Moré–Thuente search for sufficient decrease and the
 *     strong curvature condition, which quasi-Newton updates need.</li>
 * </ul>
 *
 * <p>A search that finds no acceptable step returns {@code NaN}; the optimizer then ends with
 * {@code LINE_SEARCH_FAILED} (or {@code NON_FINITE} when the last trial value was NaN or infinite): failures are
 * statuses, never exceptions.
 *
 * <p>A caution that the tests document with numbers: every test of sufficient decrease compares two values of
 * {@code J}, and it cannot see a decrease below the rounding error of those values (about
 * {@code ε_mach |J|}). Asking a value-based search for a gradient norm below roughly
 * {@code √(ε_mach |J| / t)} makes the outcome a matter of rounding luck; choose tolerances above that floor.
 */
package org.tandemopt.core.linesearch;
