package org.tandemopt.core.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.IterationRecord;

/**
 * A fault to inject into a user function: from the {@code from}-th oracle call on (0-based, every call of any
 * oracle counts), or from the moment it is {@link #arm() armed} (by a listener at a chosen iteration), each call
 * returns {@code NaN} or {@code +∞} (value and every output entry), or throws the same {@link InjectedFault}
 * instance. {@link #never()} only counts. It is also a listener that remembers, for every recorded iteration, how
 * many calls had been made, so a test knows which iterations completed before the fault.
 */
public final class Fault implements IterationListener {

    /** What a faulty call does. */
    public enum Kind { NAN, POSITIVE_INFINITY, THROW }

    /** The marker exception a {@link Kind#THROW} fault throws (one instance per fault). */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFault(long call) {
            super("injected fault from oracle call " + call);
        }
    }

    private final Kind kind;
    private final long from;
    private final InjectedFault error;
    private long calls;
    private boolean armed;
    private final List<Long> callsAtRecord = new ArrayList<>();
    private final List<Boolean> armedAtRecord = new ArrayList<>();

    public Fault(Kind kind, long from) {
        this.kind = kind;
        this.from = from;
        this.error = new InjectedFault(from);
    }

    /** A fault that never fires: counts calls only. */
    public static Fault never() {
        return new Fault(Kind.NAN, Long.MAX_VALUE);
    }

    /** A fault that fires only once armed. */
    public static Fault onArm(Kind kind) {
        return new Fault(kind, Long.MAX_VALUE);
    }

    /** Makes every later call faulty. */
    public void arm() {
        armed = true;
    }

    /** Counts one oracle call; @return whether it must be corrupted (a THROW fault throws here instead). */
    public boolean hit() {
        long i = calls++;
        if (armed || i >= from) {
            if (kind == Kind.THROW) {
                throw error;
            }
            return true;
        }
        return false;
    }

    /**
     * One oracle call through the fault: sleeps {@code sleepMillis} first (0: no sleep; for time-limit tests),
     * counts the call ({@link #hit()}, which throws for a {@link Kind#THROW} fault before the oracle runs), runs
     * {@code oracle} and, when the call is faulty, corrupts its value and every entry of its output arrays.
     *
     * @param outs the oracle's output arrays (none for a value-only oracle)
     * @return the oracle's value, or the corrupted number
     */
    public double call(long sleepMillis, DoubleSupplier oracle, double[]... outs) {
        sleep(sleepMillis);
        boolean bad = hit();
        double value = oracle.getAsDouble();
        for (double[] out : outs) {
            apply(bad, 0, out);
        }
        return apply(bad, value, null);
    }

    /** {@link #call(long, DoubleSupplier, double[]...)} for an oracle that only writes {@code out}. */
    public void run(long sleepMillis, Runnable oracle, double[] out) {
        sleep(sleepMillis);
        boolean bad = hit();
        oracle.run();
        apply(bad, 0, out);
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** @return the corrupted number. */
    public double bad() {
        return kind == Kind.NAN ? Double.NaN : Double.POSITIVE_INFINITY;
    }

    /** Corrupts {@code out} when {@code corrupt}; @return {@code value} or the corrupted number. */
    public double apply(boolean corrupt, double value, double[] out) {
        if (!corrupt) {
            return value;
        }
        if (out != null) {
            java.util.Arrays.fill(out, bad());
        }
        return bad();
    }

    /** @return the exception a {@link Kind#THROW} fault throws. */
    public InjectedFault error() {
        return error;
    }

    /** @return the index of the first faulty call ({@code Long.MAX_VALUE} for an armed or counting fault). */
    public long from() {
        return from;
    }

    /** @return oracle calls so far. */
    public long calls() {
        return calls;
    }

    @Override
    public Decision onIteration(IterationRecord r) {
        callsAtRecord.add(calls);
        armedAtRecord.add(armed);
        return Decision.CONTINUE;
    }

    /** @return how many recorded iterations (the start included) used only calls made before the fault. */
    public int cleanRecords() {
        int n = 0;
        while (n < callsAtRecord.size() && callsAtRecord.get(n) <= from && !armedAtRecord.get(n)) {
            n++;
        }
        return n;
    }

    /** @return calls made when record {@code i} was taken. */
    public long callsAt(int i) {
        return callsAtRecord.get(i);
    }
}
