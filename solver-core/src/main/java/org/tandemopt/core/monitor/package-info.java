/**
 * The convergence-monitor layer: the one loop every algorithm of Tandem runs in.
 *
 * <p>An algorithm ({@link org.tandemopt.core.monitor.IterativeAlgorithm}) only says how to take one step on its
 * state ({@link org.tandemopt.core.monitor.IterationState}) and what to report
 * ({@link org.tandemopt.core.monitor.Measures}). The {@link org.tandemopt.core.monitor.Driver} owns the rest:
 * budgets and the time limit, the {@link org.tandemopt.core.monitor.Interrupter}, the stopping criteria
 * ({@link org.tandemopt.core.monitor.StoppingCriterion}, composable with {@code or}/{@code and}, standard ones
 * in {@link org.tandemopt.core.monitor.Criteria}), the opt-in {@link org.tandemopt.core.monitor.Trace} of
 * immutable {@link org.tandemopt.core.monitor.IterationRecord}s, and the
 * {@link org.tandemopt.core.monitor.IterationListener}s (SLF4J logging, CSV/JSON trace writers, user callbacks
 * that may stop the run). Every run ends with a documented {@link org.tandemopt.core.monitor.Termination}:
 * reaching a budget or meeting a NaN is a status, never an exception, and the trace up to that point is kept.
 *
 * <p>Runs can be resumed (call {@code Driver.run} again with the returned state), stepped by hand (call
 * {@code step}), and an untraced run without listeners allocates nothing per iteration. States that are
 * {@link org.tandemopt.core.monitor.Resumable} can be copied and saved as a
 * {@link org.tandemopt.core.monitor.Checkpoint} (a versioned text format, exact for doubles) to resume later,
 * in another process; {@link org.tandemopt.core.monitor.IterationState} writes and checks the part all states
 * share (kind, the algorithm's configuration, counters).
 */
package org.tandemopt.core.monitor;
