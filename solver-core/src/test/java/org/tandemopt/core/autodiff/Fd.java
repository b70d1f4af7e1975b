package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * Test support: fourth-order central finite differences ({@code (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h},
 * truncation error {@code O(h⁴)}), relative-error assertions and seeded random vectors.
 */
final class Fd {

    static final double H = 1e-3;

    private Fd() {
    }

    /** The gradient of {@code f} at {@code x}, coordinate by coordinate. */
    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] g = new double[x.length];
        double[] e = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            e[i] = 1;
            g[i] = directional(f, x, e);
            e[i] = 0;
        }
        return g;
    }

    /** {@code d/dt f(x + t d)} at 0. */
    static double directional(ToDoubleFunction<double[]> f, double[] x, double[] d) {
        double h = H;
        return (-f.applyAsDouble(shift(x, d, 2 * h)) + 8 * f.applyAsDouble(shift(x, d, h))
                - 8 * f.applyAsDouble(shift(x, d, -h)) + f.applyAsDouble(shift(x, d, -2 * h))) / (12 * h);
    }

    /** {@code d/dt G(x + t d)} at 0 for a vector-valued {@code G} writing into its second argument. */
    static double[] directional(BiConsumer<double[], double[]> g, int outLength, double[] x, double[] d) {
        double h = H;
        double[] a = new double[outLength];
        double[] b = new double[outLength];
        double[] c = new double[outLength];
        double[] e = new double[outLength];
        g.accept(shift(x, d, 2 * h), a);
        g.accept(shift(x, d, h), b);
        g.accept(shift(x, d, -h), c);
        g.accept(shift(x, d, -2 * h), e);
        double[] r = new double[outLength];
        for (int i = 0; i < outLength; i++) {
            r[i] = (-a[i] + 8 * b[i] - 8 * c[i] + e[i]) / (12 * h);
        }
        return r;
    }

    static double[] shift(double[] x, double[] d, double t) {
        double[] r = x.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] += t * d[i];
        }
        return r;
    }

    static double[] random(SplittableRandom rng, int n, double lo, double hi) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = lo + (hi - lo) * rng.nextDouble();
        }
        return r;
    }

    /** Random entries with {@code lo ≤ |x_i| ≤ hi} and random signs. */
    static double[] randomAway(SplittableRandom rng, int n, double lo, double hi) {
        double[] r = random(rng, n, lo, hi);
        for (int i = 0; i < n; i++) {
            if (rng.nextBoolean()) {
                r[i] = -r[i];
            }
        }
        return r;
    }

    static double relativeError(double[] actual, double[] expected) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < actual.length; i++) {
            double d = actual[i] - expected[i];
            num += d * d;
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
    }

    static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        if (expected.length != actual.length) {
            throw new AssertionError(what + ": lengths " + expected.length + " and " + actual.length);
        }
        double err = relativeError(actual, expected);
        assertTrue(err <= tolerance, what + ": relative error " + err + " > " + tolerance + "; expected "
                + java.util.Arrays.toString(expected) + " got " + java.util.Arrays.toString(actual));
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        double err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
        assertTrue(err <= tolerance, what + ": expected " + expected + " got " + actual + " (relative error " + err + ")");
    }

    static double[] unit(int n, int i) {
        double[] e = new double[n];
        e[i] = 1;
        return e;
    }
}
