package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.Trace;

/** Trace comparisons shared by the resume tests of every module. */
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
}
