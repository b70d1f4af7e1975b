package org.tandemopt.core.monitor;

/**
 * What the {@link Driver} returns: the final state (owned by the caller from now on, and resumable), the
 * termination, the final record and the trace. Algorithm families wrap this into their own immutable result
 * types.
 *
 * @param <S> the state type
 */
public record RunResult<S extends IterationState>(S state, Termination termination, IterationRecord last,
                                                  Trace trace, String configuration) {
}
