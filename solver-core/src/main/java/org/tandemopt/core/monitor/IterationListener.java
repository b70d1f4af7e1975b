package org.tandemopt.core.monitor;

/**
 * Receives an immutable snapshot of every iteration (iteration 0 included) and may ask the run to stop.
 * Listeners run on the solving thread; one that throws ends the run with that exception. Library
 * listeners: {@link LoggingListener}, {@link TraceWriters}.
 */
@FunctionalInterface
public interface IterationListener {

    /** What a listener asks the driver to do next. */
    enum Decision { CONTINUE, STOP }

    /** Called after each iteration's record is complete. */
    Decision onIteration(IterationRecord record);

    /** Called once when the run ends, with the reason and the final record. */
    default void onFinish(Termination termination, IterationRecord last) {
    }
}
