package org.tandemopt.core.monitor;

/**
 * A state that can be copied and saved, so that a run can branch or be resumed later. Continuing a state and
 * its {@link #copy()} by the same number of {@link Driver} iterations gives bit-identical iterates, values and
 * counters; so does continuing a state rebuilt from its {@link #toCheckpoint()} (written to a file and read
 * back with {@link Checkpoint#read}) by the algorithm's {@code restore} method, on the same problem.
 *
 * <p>What a snapshot does not hold: the problem (the caller passes the same function again; it is not
 * evaluated on restore, so nothing checks that it is the same) and the driver's short history of recent values,
 * which every {@link Driver#run} starts afresh — so {@link Criteria#valueChange} with patience {@code p} may stop
 * a resumed run up to {@code p} iterations later than the uninterrupted one. Budgets, gradient tolerances and
 * the relative criteria (whose initial norms the state keeps) decide exactly as in the uninterrupted run.
 *
 * @param <S> the state type itself
 */
public interface Resumable<S extends IterationState> {

    /** @return a deep, independent copy: iterates, memories, step-rule memory, counters and elapsed time. */
    S copy();

    /**
     * @return everything needed to continue this run, with the writing algorithm's configuration (its
     *         {@link IterativeAlgorithm#describe()}), which the restoring algorithm checks
     * @throws IllegalStateException if this state cannot be saved exactly
     */
    Checkpoint toCheckpoint();
}
