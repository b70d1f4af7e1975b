package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Vectors} against naive loops: exact on integer data, to rounding on real data. */
class VectorsTest {

    static IntStream lengths() {
        return IntStream.rangeClosed(0, 41);
    }

    static double[] integers(int n, SplittableRandom rng) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(-20, 21);
        }
        return v;
    }

    @ParameterizedTest(name = "n={0}")
    @MethodSource("lengths")
    void reductionsMatchNaiveLoops(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        double[] a = integers(n + 3, rng);
        double[] b = integers(n + 3, rng);
        double naive = 0;
        for (int i = 0; i < n; i++) {
            naive += a[i] * b[i];
        }
        assertEquals(naive, Vectors.dot(a, b, n), 0.0, "integer data sum exactly");
        double full = naive + a[n] * b[n] + a[n + 1] * b[n + 1] + a[n + 2] * b[n + 2];
        assertEquals(full, Vectors.dot(a, b), 0.0);
        double squares = 0;
        for (double v : a) {
            squares += v * v;
        }
        assertEquals(squares, Vectors.normSquared(a), 0.0);
        assertEquals(Math.sqrt(squares), Vectors.norm2(a), 0.0);

        // real data: both sums are within n ε Σ|a_i b_i| of the exact value
        double[] x = TestSystems.gaussian(n, rng);
        double[] y = TestSystems.gaussian(n, rng);
        double s = 0;
        double abs = 0;
        for (int i = 0; i < n; i++) {
            s += x[i] * y[i];
            abs += Math.abs(x[i] * y[i]);
        }
        assertEquals(s, Vectors.dot(x, y), 2 * n * Math.ulp(1.0) * abs);
        double nx = 0;
        double dist = 0;
        for (int i = 0; i < n; i++) {
            nx += x[i] * x[i];
            dist += (x[i] - y[i]) * (x[i] - y[i]);
        }
        assertEquals(Math.sqrt(nx), Vectors.norm2(x), 1e-15 * Math.sqrt(nx));
        assertEquals(Math.sqrt(dist), Vectors.distance(x, y), 1e-15 * Math.sqrt(dist));
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        assertEquals(max, Vectors.normInf(x), 0.0);
    }

    @Test
    void norm2IsSafeFromOverflowAndUnderflow() {
        assertEquals(Math.sqrt(2) * 1e200, Vectors.norm2(new double[] {1e200, 1e200}), 1e185);
        assertEquals(5e300, Vectors.norm2(new double[] {3e300, 4e300}), 1e285);
        assertEquals(5e300, Vectors.norm2(new double[] {-3e300, 0, 4e300}), 1e285);
        assertEquals(Math.sqrt(10) * 1e300, Vectors.norm2(new double[] {1e300, 1e300, 1e300, 1e300, 1e300,
            1e300, 1e300, 1e300, 1e300, 1e300}), 1e286);
        assertEquals(1e200, Vectors.norm2(new double[] {1e200, 1}), 1e185);
        assertEquals(5e-200, Vectors.norm2(new double[] {3e-200, 4e-200}), 1e-215);
        assertEquals(5e-170, Vectors.norm2(new double[] {3e-170, 4e-170}), 1e-185);
        assertEquals(Double.MAX_VALUE, Vectors.norm2(new double[] {Double.MAX_VALUE, 0}), 0.0);
        assertEquals(0.0, Vectors.norm2(new double[] {0, 0, 0}), 0.0);
        assertEquals(0.0, Vectors.norm2(new double[0]), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, Vectors.norm2(new double[] {Double.NEGATIVE_INFINITY, 1}));
        assertTrue(Double.isNaN(Vectors.norm2(new double[] {1, Double.NaN})));
        assertTrue(Double.isNaN(Vectors.norm2(new double[] {Double.POSITIVE_INFINITY, Double.NaN})));
        assertTrue(Double.isNaN(Vectors.norm2(new double[] {1e300, Double.NaN})));
    }

    @Test
    void normInfPropagatesNaN() {
        assertEquals(3.0, Vectors.normInf(new double[] {-3, 2}));
        assertEquals(0.0, Vectors.normInf(new double[0]));
        assertTrue(Double.isNaN(Vectors.normInf(new double[] {1, Double.NaN, 5})));
        assertEquals(Double.POSITIVE_INFINITY, Vectors.normInf(new double[] {1, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void updatesAreExactOnIntegers() {
        double[] x = {1, -2, 3, 4, 5};
        double[] y = {10, 20, 30, 40, 50};

        double[] t = y.clone();
        Vectors.axpy(3, x, t);
        assertArrayEquals(new double[] {13, 14, 39, 52, 65}, t, 0.0);

        double[] out = new double[5];
        Vectors.axpby(2, x, -1, y, out);
        assertArrayEquals(new double[] {-8, -24, -24, -32, -40}, out, 0.0);
        double[] alias = x.clone();
        Vectors.axpby(2, alias, -1, y, alias); // out aliases x
        assertArrayEquals(out, alias, 0.0);
        alias = y.clone();
        Vectors.axpby(2, x, -1, alias, alias); // out aliases y
        assertArrayEquals(out, alias, 0.0);

        double[] moved = x.clone();
        Vectors.addScaled(moved, 0.5, y, moved);
        assertArrayEquals(new double[] {6, 8, 18, 24, 30}, moved, 0.0);

        Vectors.subtract(y, x, out);
        assertArrayEquals(new double[] {9, 22, 27, 36, 45}, out, 0.0);

        double[] s = x.clone();
        Vectors.scale(-2, s);
        assertArrayEquals(new double[] {-2, 4, -6, -8, -10}, s, 0.0);
        Vectors.scale(0.5, y, out);
        assertArrayEquals(new double[] {5, 10, 15, 20, 25}, out, 0.0);
        Vectors.negate(x, out);
        assertArrayEquals(new double[] {-1, 2, -3, -4, -5}, out, 0.0);
        Vectors.copy(y, out);
        assertArrayEquals(y, out, 0.0);
        Vectors.zero(out);
        assertArrayEquals(new double[5], out, 0.0);
        assertTrue(Vectors.allFinite(x));
        assertFalse(Vectors.allFinite(new double[] {1, Double.POSITIVE_INFINITY}));
        assertFalse(Vectors.allFinite(new double[] {Double.NaN}));
        assertEquals(5.0, Vectors.distance(new double[] {0, 0}, new double[] {3, 4}), 0.0);
    }
}
