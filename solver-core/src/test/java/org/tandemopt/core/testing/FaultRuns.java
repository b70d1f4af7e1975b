package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.function.Executable;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterationListener;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.monitor.Trace;

/**
 * The steps and assertions the fault-injection tests of every module share: a listener acting at iteration
 * {@code k}, the seeded choice of the first faulty oracle call, the rethrown user exception and its
 * {@link Driver.RunSnapshot}, the kept fault-free prefix of a corrupted run, and a run stopped by its time limit.
 */
public final class FaultRuns {

    private FaultRuns() {
    }

    /**
     * A listener that runs {@code action} when iteration {@code k} is recorded (arming a {@link Fault}, raising an
     * interrupter), and always continues.
     */
    public static IterationListener atIteration(int k, Runnable action) {
        return r -> {
            if (r.iteration() == k) {
                action.run();
            }
            return IterationListener.Decision.CONTINUE;
        };
    }

    /**
     * A seeded iteration {@code k} in {@code [1, min(cap, iterations − 1)]}, drawn from
     * {@code SplittableRandom(seed · multiplier + name hash)}, at which a listener acts.
     */
    public static int seededIteration(String name, long seed, long multiplier, int cap, int iterations) {
        return 1 + new SplittableRandom(seed * multiplier + name.hashCode()).nextInt(Math.min(cap, iterations - 1));
    }

    /**
     * Asserts that a run stopped at iteration {@code k} (by an interrupter, or by a fault armed there that threw)
     * completed exactly {@code k} iterations, recorded {@code k + 1} records and that they are those of the
     * uninterrupted trace {@code full}.
     */
    public static void assertStoppedAt(int k, Trace full, int iterations, Trace trace, String what) {
        assertEquals(k, iterations);
        assertEquals(k + 1, trace.size());
        Traces.assertSamePrefix(full, trace, k + 1, what);
    }

    /**
     * The first faulty oracle call of a seeded case, after a fault-free run counted by {@code counter}: asserts the
     * run made at least 10 calls after its start, and draws from {@code SplittableRandom(seed · 7919 + name hash)}
     * a call among the first {@code min(window, calls)} after the start.
     */
    public static long seededFaultCall(Fault counter, String name, long seed, long window) {
        long first = counter.callsAt(0);
        long total = counter.calls();
        assertTrue(total - first >= 10, name + " made only " + (total - first) + " calls after its start");
        return first + new SplittableRandom(seed * 7919 + name.hashCode()).nextLong(Math.min(window, total - first));
    }

    /**
     * Asserts that {@code run} throws the fault's own exception instance, unchanged, carrying exactly one
     * suppressed {@link Driver.RunSnapshot}; @return that snapshot.
     */
    public static Driver.RunSnapshot assertRethrown(Fault fault, Executable run, String what) {
        RuntimeException e = assertThrows(RuntimeException.class, run);
        assertSame(fault.error(), e, what);
        Throwable[] suppressed = e.getSuppressed();
        assertEquals(1, suppressed.length);
        return (Driver.RunSnapshot) suppressed[0];
    }

    /**
     * {@link #assertRethrown} for solvers that nest runs (an inner solve attaches its own snapshot first): at least
     * one suppressed exception, all snapshots; @return the last, the outer run's.
     */
    public static Driver.RunSnapshot assertRethrownFromNestedRuns(Fault fault, Executable run, String what) {
        RuntimeException e = assertThrows(RuntimeException.class, run);
        assertSame(fault.error(), e, what);
        Throwable[] suppressed = e.getSuppressed();
        assertTrue(suppressed.length >= 1);
        for (Throwable t : suppressed) {
            assertTrue(t instanceof Driver.RunSnapshot, t.toString());
        }
        return (Driver.RunSnapshot) suppressed[suppressed.length - 1];
    }

    /**
     * Asserts that the snapshot of a run that threw holds exactly the first {@code good} records of the fault-free
     * trace {@code clean}: {@code good − 1} completed iterations, their trace and last record.
     */
    public static void assertSnapshotOfCleanRecords(Trace clean, Driver.RunSnapshot snap, int good, String what) {
        assertEquals(good - 1, snap.iteration(), "completed iterations");
        assertEquals(good, snap.trace().size(), "trace of the completed iterations");
        Traces.assertSamePrefix(clean, snap.trace(), good, what + " snapshot");
        Traces.assertSameRecord(clean.get(good - 1), snap.lastCompleted(), what + " last completed");
    }

    /**
     * The records a run corrupted from oracle call {@code from} completed before the fault: asserts there are
     * between 1 and {@code cleanIterations}; @return their number.
     */
    public static int cleanRecords(Fault fault, int cleanIterations, long from) {
        int good = fault.cleanRecords();
        assertTrue(good >= 1 && good <= cleanIterations, "fault at call " + from + " left " + good
                + " clean records");
        return good;
    }

    /**
     * Asserts that a faulty run kept the first {@code good} records of the fault-free trace {@code clean}, and that
     * the last finite record the two share is at least record {@code good − 1}; @return that record's index.
     */
    public static int assertLastMatchAtLeast(Trace clean, Trace faulty, int good, String what) {
        Traces.assertSamePrefix(clean, faulty, good, what);
        int j = Traces.lastMatchingRecord(clean, faulty);
        assertTrue(j >= good - 1, what + ": last good record " + j + " before the fault's iteration " + good);
        return j;
    }

    /**
     * Asserts that a run whose every oracle call sleeps 1 ms ended {@code TIME_LIMIT} after 1 to
     * {@code limit / 1 ms + 1} iterations, no earlier than the limit, every recorded step started before it.
     */
    public static void assertStoppedByTimeLimit(Duration limit, Termination termination, int iterations,
                                                Duration wallTime, Trace trace, String what) {
        assertEquals(Termination.TIME_LIMIT, termination, what);
        assertTrue(iterations >= 1 && iterations <= limit.toMillis() + 1, "iterations " + iterations);
        assertTrue(wallTime.compareTo(limit) >= 0);
        for (int i = 1; i < trace.size(); i++) {
            assertTrue(trace.get(i).elapsedNanos() < limit.toNanos(), "step " + i + " started after the limit");
        }
    }
}
