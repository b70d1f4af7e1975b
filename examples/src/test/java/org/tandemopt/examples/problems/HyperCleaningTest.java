package org.tandemopt.examples.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.examples.data.Dataset;

/** The oracles of the hyper-cleaning problem against central differences, on 25 + 15 digits rows. */
class HyperCleaningTest {

    static final Dataset ALL = Dataset.loadHeaderlessCsv("digits.csv").standardized().withIntercept();
    static final HyperCleaning H = new HyperCleaning(ALL.subset(IntStream.range(0, 25).toArray()),
            ALL.subset(IntStream.range(25, 40).toArray()), 10, 1e-2);

    static double[] random(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * r.nextDouble() - 1);
        }
        return v;
    }

    static double[] axpy(double[] x, double t, double[] d) {
        double[] out = x.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += t * d[i];
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void lowerOraclesMatchCentralDifferences() {
        assertEquals(1797, ALL.rows());
        assertEquals(65, ALL.cols());
        SplittableRandom r = new SplittableRandom(3);
        ParametricFunction g = H.lower();
        int n = 25;
        int m = 650;
        assertEquals(n, g.parameterDimension());
        assertEquals(m, g.variableDimension());
        double h = 1e-5;
        for (int trial = 0; trial < 2; trial++) {
            double[] x = random(r, n, 2);
            double[] y = random(r, m, 0.3);
            double[] du = random(r, m, 1);
            double[] dx = random(r, n, 1);
            double[] gy = new double[m];
            double[] gx = new double[n];
            double val = g.gradientY(x, y, gy);
            assertEquals(g.value(x, y), val, 1e-14 * Math.abs(val));
            g.gradientX(x, y, gx);
            // directional derivatives: ⟨∇_y g, d⟩ and ⟨∇_x g, d⟩
            assertEquals((g.value(x, axpy(y, h, du)) - g.value(x, axpy(y, -h, du))) / (2 * h), dot(gy, du), 1e-8);
            assertEquals((g.value(axpy(x, h, dx), y) - g.value(axpy(x, -h, dx), y)) / (2 * h), dot(gx, dx), 1e-9);
            // H_yy d and H_yx u as differences of ∇_y g, coordinate by coordinate
            double[] hv = new double[m];
            g.hessianYY(x, y, du, hv);
            double[] gp = new double[m];
            double[] gm = new double[m];
            g.gradientY(x, axpy(y, h, du), gp);
            g.gradientY(x, axpy(y, -h, du), gm);
            for (int j = 0; j < m; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * h), hv[j], 1e-8, "H_yy d, coordinate " + j);
            }
            double[] cu = new double[m];
            g.cross(x, y, dx, cu);
            g.gradientY(axpy(x, h, dx), y, gp);
            g.gradientY(axpy(x, -h, dx), y, gm);
            for (int j = 0; j < m; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * h), cu[j], 1e-8, "H_yx u, coordinate " + j);
            }
            double[] w = random(r, m, 1);
            double[] ctw = new double[n];
            g.crossTranspose(x, y, w, ctw);
            assertEquals(dot(w, cu), dot(ctw, dx), 1e-13 * (1 + Math.abs(dot(w, cu))), "⟨w, H_yx u⟩ = ⟨H_yxᵀ w, u⟩");
        }
    }

    @Test
    void upperIsTheValidationCrossEntropy() {
        ParametricFunction f = H.upper();
        // at W = 0 every class has probability 1/10
        assertEquals(Math.log(10), f.value(new double[25], new double[650]), 1e-15);
        SplittableRandom r = new SplittableRandom(9);
        double[] y = random(r, 650, 0.3);
        double[] d = random(r, 650, 1);
        double[] gy = new double[650];
        f.gradientY(new double[25], y, gy);
        double h = 1e-5;
        assertEquals((f.value(null, axpy(y, h, d)) - f.value(null, axpy(y, -h, d))) / (2 * h), dot(gy, d), 1e-8);
        double[] hv = new double[650];
        f.hessianYY(new double[25], y, d, hv);
        assertTrue(dot(hv, d) > 0, "the cross-entropy Hessian is positive semidefinite");
    }

    @Test
    void badLabelsAreRejected() {
        Dataset x = ALL.subset(new int[] {0, 1});
        Dataset wrong = new Dataset("w", 2, 65, x.features(), new double[] {0, 10});
        var e = assertThrows(IllegalArgumentException.class, () -> new HyperCleaning(wrong, x, 10, 1e-3));
        assertTrue(e.getMessage().startsWith("train label 1 = 10.0, expected an integer in [0, 9]"), e.getMessage());
    }
}
