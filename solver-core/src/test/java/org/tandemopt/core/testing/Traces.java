package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.Trace;

/** Trace comparisons shared by the resume and fault-injection tests of every module. */
public final class Traces {

    private Traces() {
    }

    /**
     * Asserts that two traces are bit for bit the same run: every record's iteration, value, stationarity, step,
     * step size, point and derivative norms, counters and extras — wall-clock quantities ({@code elapsedNanos},
     * extras whose name ends in {@code _nanos}) aside.
     */
    public static void assertSameRun(Trace expected, Trace actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": trace length");
        assertEquals(expected.extraNames(), actual.extraNames(), what + ": trace extras");
        for (int i = 0; i < expected.size(); i++) {
            IterationRecord a = expected.get(i);
            IterationRecord b = actual.get(i);
            String at = what + ": trace record " + i;
            assertEquals(a.iteration(), b.iteration(), at);
            assertArrayEquals(new double[] {a.value(), a.gradientNorm(), a.stepNorm(), a.stepSize(), a.pointNorm(),
                    a.derivativeNorm()}, new double[] {b.value(), b.gradientNorm(), b.stepNorm(), b.stepSize(),
                    b.pointNorm(), b.derivativeNorm()}, 0.0, at);
            assertArrayEquals(new long[] {a.valueEvaluations(), a.gradientEvaluations(), a.secondOrderEvaluations()},
                    new long[] {b.valueEvaluations(), b.gradientEvaluations(), b.secondOrderEvaluations()}, at);
            for (String e : expected.extraNames()) {
                if (!e.endsWith("_nanos")) {
                    assertEquals(a.extra(e), b.extra(e), 0.0, at + " " + e);
                }
            }
        }
    }

    /** Asserts that two records are the same iteration bit for bit (wall-clock quantities aside). */
    public static void assertSameRecord(IterationRecord expected, IterationRecord actual, String what) {
        assertEquals(expected.iteration(), actual.iteration(), what + ": iteration");
        assertArrayEquals(new double[] {expected.value(), expected.gradientNorm(), expected.stepNorm(),
                expected.stepSize(), expected.pointNorm(), expected.derivativeNorm()}, new double[] {actual.value(),
                actual.gradientNorm(), actual.stepNorm(), actual.stepSize(), actual.pointNorm(),
                actual.derivativeNorm()}, 0.0, what);
        assertArrayEquals(new long[] {expected.valueEvaluations(), expected.gradientEvaluations(),
                expected.secondOrderEvaluations()}, new long[] {actual.valueEvaluations(),
                actual.gradientEvaluations(), actual.secondOrderEvaluations()}, what);
        for (String e : expected.extras().keySet()) {
            if (!e.endsWith("_nanos")) {
                assertEquals(expected.extra(e), actual.extra(e), 0.0, what + " " + e);
            }
        }
    }

    /** Asserts that the first {@code records} records of {@code actual} are those of {@code expected}. */
    public static void assertSamePrefix(Trace expected, Trace actual, int records, String what) {
        assertTrue(actual.size() >= records && expected.size() >= records, what + ": traces of " + expected.size()
                + " and " + actual.size() + " records, expected at least " + records);
        for (int i = 0; i < records; i++) {
            assertSameRecord(expected.get(i), actual.get(i), what + ": trace record " + i);
        }
    }

    /**
     * The last record of {@code actual} that is finite (value and stationarity) and equal — iteration, value,
     * stationarity, step and point norm — to the record of {@code expected} of the same index, counting from the
     * first: the last iterate a faulty run shares with a fault-free one. Returns -1 when even the first differs.
     */
    public static int lastMatchingRecord(Trace expected, Trace actual) {
        int i = 0;
        while (i < actual.size() && i < expected.size() && Double.isFinite(actual.get(i).value())
                && Double.isFinite(actual.get(i).gradientNorm()) && sameNumbers(expected.get(i), actual.get(i))) {
            i++;
        }
        return i - 1;
    }

    private static boolean sameNumbers(IterationRecord a, IterationRecord b) {
        return a.iteration() == b.iteration() && Double.compare(a.value(), b.value()) == 0
                && Double.compare(a.gradientNorm(), b.gradientNorm()) == 0
                && Double.compare(a.stepNorm(), b.stepNorm()) == 0
                && Double.compare(a.pointNorm(), b.pointNorm()) == 0;
    }
}
