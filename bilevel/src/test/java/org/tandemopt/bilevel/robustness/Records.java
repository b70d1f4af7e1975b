package org.tandemopt.bilevel.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.tandemopt.core.monitor.IterationRecord;
import org.tandemopt.core.monitor.Trace;

/** Comparisons of iteration records and traces, number for number (wall times aside). */
final class Records {

    private Records() {
    }

    static void assertSameRecord(IterationRecord want, IterationRecord got, String what) {
        assertEquals(want.iteration(), got.iteration(), what + ": iteration");
        assertEquals(want.value(), got.value(), 0, what + ": value");
        assertEquals(want.gradientNorm(), got.gradientNorm(), 0, what + ": gradient norm");
        assertEquals(want.stepNorm(), got.stepNorm(), 0, what + ": step norm");
        assertEquals(want.stepSize(), got.stepSize(), 0, what + ": step size");
        assertEquals(want.pointNorm(), got.pointNorm(), 0, what + ": point norm");
        assertEquals(want.derivativeNorm(), got.derivativeNorm(), 0, what + ": derivative norm");
        assertEquals(want.valueEvaluations(), got.valueEvaluations(), what + ": value evaluations");
        assertEquals(want.gradientEvaluations(), got.gradientEvaluations(), what + ": gradient evaluations");
        assertEquals(want.secondOrderEvaluations(), got.secondOrderEvaluations(), what + ": second-order");
        for (String name : want.extras().keySet()) {
            if (!name.contains("nanos")) {
                assertEquals(want.extra(name), got.extra(name), 0, what + ": " + name);
            }
        }
    }

    static void assertPrefix(Trace want, Trace got, int records, String what) {
        assertTrue(got.size() >= records, what + ": trace has " + got.size() + " records, expected >= " + records);
        for (int i = 0; i < records; i++) {
            assertSameRecord(want.get(i), got.get(i), what + " record " + i);
        }
    }

    static boolean sameNumbers(IterationRecord a, IterationRecord b) {
        return a.iteration() == b.iteration() && Double.compare(a.value(), b.value()) == 0
                && Double.compare(a.gradientNorm(), b.gradientNorm()) == 0
                && Double.compare(a.stepNorm(), b.stepNorm()) == 0
                && Double.compare(a.pointNorm(), b.pointNorm()) == 0;
    }

    /**
     * The last iterate at which everything was finite: the last record of {@code got} that is finite and equal,
     * number for number, to the fault-free run's record of the same iteration.
     */
    static int lastGoodRecord(Trace clean, Trace got) {
        int i = 0;
        while (i < got.size() && i < clean.size() && Double.isFinite(got.get(i).value())
                && Double.isFinite(got.get(i).gradientNorm()) && sameNumbers(clean.get(i), got.get(i))) {
            i++;
        }
        return i - 1;
    }
}
