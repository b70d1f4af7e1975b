package org.tandemopt.core.monitor;

/**
 * A state that can be copied and saved, so that a run can branch or be resumed later. Continuing a state and
 * its {@link #copy()} by the same number of {@link Driver} iterations gives bit-identical iterates, values and
 * counters; so does continuing a state rebuilt from its {@link #toCheckpoint()} (written to a file and read
 * back with {@link Checkpoint#read}) by the algorithm's {@code restore} method, on the same problem.
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
