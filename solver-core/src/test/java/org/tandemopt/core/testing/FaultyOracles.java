package org.tandemopt.core.testing;

import java.util.function.DoubleSupplier;

/**
 * The base of a fault-injecting wrapper of a user function of any module: every oracle the wrapper forwards goes
 * through {@link #call} or {@link #run}, which sleep a fixed time first (for time-limit tests, 0: no sleep) and
 * pass the call through a {@link Fault}.
 */
public abstract class FaultyOracles {

    private final Fault fault;
    private final long sleepMillis;

    protected FaultyOracles(Fault fault, long sleepMillis) {
        this.fault = fault;
        this.sleepMillis = sleepMillis;
    }

    /** A value-returning oracle writing {@code outs}: see {@link Fault#call}. */
    protected final double call(DoubleSupplier oracle, double[]... outs) {
        return fault.call(sleepMillis, oracle, outs);
    }

    /** An oracle that only writes {@code out}: see {@link Fault#run}. */
    protected final void run(Runnable oracle, double[] out) {
        fault.run(sleepMillis, oracle, out);
    }
}
