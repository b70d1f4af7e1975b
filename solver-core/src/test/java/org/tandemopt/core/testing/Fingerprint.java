package org.tandemopt.core.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.tandemopt.core.monitor.Termination;

/**
 * What two runs of a bilevel or min-max solver must share bit for bit to count as the same run: the numbers of
 * the result ({@code x}, {@code y}, the value and two residuals), its counters and its termination.
 */
public record Fingerprint(double[] numbers, long[] counters, String termination) {

    /** {@code numbers = (x, y, value, residual1, residual2)}. */
    public static Fingerprint of(double[] x, double[] y, double value, double residual1, double residual2,
                                 long[] counters, Termination termination) {
        double[] n = new double[x.length + y.length + 3];
        System.arraycopy(x, 0, n, 0, x.length);
        System.arraycopy(y, 0, n, x.length, y.length);
        n[n.length - 3] = value;
        n[n.length - 2] = residual1;
        n[n.length - 1] = residual2;
        return new Fingerprint(n, counters, termination.name());
    }

    /** Asserts that {@code got} is {@code expected} bit for bit. */
    public static void assertSame(Fingerprint expected, Fingerprint got) {
        assertArrayEquals(expected.numbers(), got.numbers(), 0.0, "numbers");
        assertArrayEquals(expected.counters(), got.counters(), "counters");
        assertEquals(expected.termination(), got.termination(), "termination");
    }
}
