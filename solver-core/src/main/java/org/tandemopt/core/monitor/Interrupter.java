package org.tandemopt.core.monitor;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A thread-safe stop button. Pass it in {@link SolveOptions}; {@link #interrupt()} from any thread makes the
 * run stop before its next iteration with {@link Termination#INTERRUPTED} and a valid result.
 */
public final class Interrupter {

    private final AtomicBoolean flag = new AtomicBoolean();

    /** Asks every run holding this interrupter to stop. */
    public void interrupt() {
        flag.set(true);
    }

    /** @return whether {@link #interrupt()} was called since the last {@link #reset()}. */
    public boolean isInterrupted() {
        return flag.get();
    }

    /** Clears the request so the interrupter can be reused. */
    public void reset() {
        flag.set(false);
    }
}
