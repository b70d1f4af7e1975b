package org.tandemopt.examples.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.examples.data.Dataset;

/** The oracles of the per-feature logistic bilevel problem against central differences. */
class LogisticHyperparametersTest {

    static final Dataset ALL = Dataset.loadLabelledCsv("breast_cancer.csv").standardized().withIntercept();
    static final LogisticHyperparameters H = new LogisticHyperparameters(
            ALL.subset(IntStream.range(0, 60).toArray()), ALL.subset(IntStream.range(60, 90).toArray()));

    static double[] random(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2 * r.nextDouble() - 1);
        }
        return v;
    }

    /** Central difference of a scalar map along one coordinate, step 1e-5: error O(h²) ≈ 1e-10 here. */
    interface Scalar {
        double at(double[] x, double[] y);
    }

    static double dy(Scalar f, double[] x, double[] y, int j) {
        double h = 1e-5;
        double[] p = y.clone();
        double[] m = y.clone();
        p[j] += h;
        m[j] -= h;
        return (f.at(x, p) - f.at(x, m)) / (2 * h);
    }

    static double dx(Scalar f, double[] x, double[] y, int j) {
        double h = 1e-5;
        double[] p = x.clone();
        double[] m = x.clone();
        p[j] += h;
        m[j] -= h;
        return (f.at(p, y) - f.at(m, y)) / (2 * h);
    }

    @Test
    void lowerOraclesMatchCentralDifferences() {
        SplittableRandom r = new SplittableRandom(7);
        ParametricFunction g = H.lower();
        int n = H.parameterDimension();
        int m = H.variableDimension();
        assertEquals(30, n);
        assertEquals(31, m);
        for (int trial = 0; trial < 3; trial++) {
            double[] x = random(r, n, 2);
            double[] y = random(r, m, 0.5);
            double[] gy = new double[m];
            double v = g.gradientY(x, y, gy);
            assertEquals(g.value(x, y), v, 1e-15 * Math.abs(v));
            double[] gx = new double[n];
            g.gradientX(x, y, gx);
            for (int j = 0; j < m; j++) {
                assertEquals(dy(g::value, x, y, j), gy[j], 1e-8, "∇_y g, coordinate " + j);
            }
            for (int j = 0; j < n; j++) {
                assertEquals(dx(g::value, x, y, j), gx[j], 1e-8, "∇_x g, coordinate " + j);
            }
            // H_yy v = d/dt ∇_y g(x, y + t v); (∂_x ∇_y g) u = d/dt ∇_y g(x + t u, y); Bᵀw by duality
            double[] v1 = random(r, m, 1);
            double[] u = random(r, n, 1);
            double[] w = random(r, m, 1);
            double[] hv = new double[m];
            g.hessianYY(x, y, v1, hv);
            double[] cu = new double[m];
            g.cross(x, y, u, cu);
            double[] ctw = new double[n];
            g.crossTranspose(x, y, w, ctw);
            double h = 1e-5;
            double[] gp = new double[m];
            double[] gm = new double[m];
            double[] yp = y.clone();
            double[] ym = y.clone();
            double[] xp = x.clone();
            double[] xm = x.clone();
            for (int j = 0; j < m; j++) {
                yp[j] += h * v1[j];
                ym[j] -= h * v1[j];
            }
            for (int j = 0; j < n; j++) {
                xp[j] += h * u[j];
                xm[j] -= h * u[j];
            }
            g.gradientY(x, yp, gp);
            g.gradientY(x, ym, gm);
            for (int j = 0; j < m; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * h), hv[j], 1e-8, "H_yy v, coordinate " + j);
            }
            g.gradientY(xp, y, gp);
            g.gradientY(xm, y, gm);
            for (int j = 0; j < m; j++) {
                assertEquals((gp[j] - gm[j]) / (2 * h), cu[j], 1e-8, "H_yx u, coordinate " + j);
            }
            double lhs = 0;
            double rhs = 0;
            for (int j = 0; j < m; j++) {
                lhs += w[j] * cu[j];
            }
            for (int j = 0; j < n; j++) {
                rhs += ctw[j] * u[j];
            }
            assertEquals(lhs, rhs, 1e-13 * (1 + Math.abs(lhs)), "⟨w, H_yx u⟩ = ⟨H_yxᵀ w, u⟩");
        }
    }

    @Test
    void upperIsTheValidationLossAndIgnoresX() {
        SplittableRandom r = new SplittableRandom(11);
        ParametricFunction f = H.upper();
        double[] x = random(r, 30, 2);
        double[] y = random(r, 31, 0.5);
        double[] gy = new double[31];
        assertEquals(H.validationLoss().value(y), f.gradientY(x, y, gy), 0);
        for (int j = 0; j < 31; j++) {
            assertEquals(dy(f::value, x, y, j), gy[j], 1e-8);
        }
        double[] gx = random(r, 30, 1);
        f.gradientX(x, y, gx);
        for (double d : gx) {
            assertEquals(0.0, d, 0);
        }
        // at y = 0 every logistic loss is log 2
        assertEquals(Math.log(2), f.value(x, new double[31]), 1e-15);
    }

    @Test
    void mismatchedColumnsAreRejected() {
        Dataset noIntercept = Dataset.loadLabelledCsv("breast_cancer.csv").standardized();
        var e = assertThrows(IllegalArgumentException.class, () -> new LogisticHyperparameters(ALL, noIntercept));
        assertTrue(e.getMessage().startsWith("validation has 30 columns, expected 31"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> H.problem(new double[3]));
        assertTrue(e.getMessage().contains("x0"), e.getMessage());
    }
}
