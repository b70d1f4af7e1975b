package org.tandemopt.core.monitor;

import java.util.List;

/**
 * An algorithm reduced to what only it knows: how to take one iteration and what to report about the
 * current state (the step/loop split). Everything else — budgets, stopping criteria, the trace, listeners,
 * logging, interruption, timing — belongs to the one shared {@link Driver}. A user may also call
 * {@link #step} by hand.
 *
 * <p>Implementations are immutable configuration and thread-safe; all mutable data lives in the state
 * {@code S}. A step must allocate nothing in steady state.
 *
 * @param <P> the problem type
 * @param <S> the mutable state type
 */
public interface IterativeAlgorithm<P, S extends IterationState> {

    /**
     * Takes one iteration in place. The algorithm counts its evaluations on the state and may
     * {@link IterationState#requestTermination request} a termination (for example when its line search
     * fails); it must not throw for numerical trouble.
     */
    void step(P problem, S state);

    /**
     * Reports the current state: value, stationarity measure, step, and any extra quantities named by
     * {@link #extraNames()}. Must not evaluate the problem's functions (the step leaves what is needed in
     * the state).
     */
    void measure(P problem, S state, Measures out);

    /** @return names of the algorithm-specific quantities reported with {@link Measures#extra}. */
    default List<String> extraNames() {
        return List.of();
    }

    /** @return a one-line description of the configuration, recorded with results for provenance. */
    default String describe() {
        return toString();
    }
}
