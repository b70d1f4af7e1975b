package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.inner.InnerMap;

/**
 * B5: piggyback (forward-mode) derivatives of ISTA on the Lasso converge to the closed form
 * {@code dy*(λ)/dλ = −(A_SᵀA_S)⁻¹ sign(y*_S)} at the predicted linear rate.
 */
class PiggybackB5Test {

    @Test
    void dataReproducesThePublishedConstants() {
        assertEquals(LassoB5.LAMBDA_MAX, LassoB5.lambdaMax(), 1e-9);
        assertEquals(LassoB5.LAMBDA, 0.1 * LassoB5.lambdaMax(), 1e-9);
        assertEquals(LassoB5.L, LassoB5.lipschitz(), 1e-9);
    }

    /** Runs ISTA with the piggyback recursion J_{k+1} = A_k J_k + B_k; returns the first-crossing iterations. */
    @Test
    void piggybackConvergesToTheClosedFormWithTheErrorTableAndRate() {
        double lambda = 0.1 * LassoB5.lambdaMax();
        double eta = 1.0 / LassoB5.lipschitz();
        InnerMap map = ForwardBackward.ista(ParametricElasticNet.lasso(), eta).bind(LassoB5.loss());
        double[] x = {lambda};
        double[] y = new double[10];
        double[] next = new double[10];
        double[] jac = new double[10];
        double[] jacNext = new double[10];
        double[] dx = {1.0};
        double[] truth = LassoB5.closedForm();
        assertArrayEquals(LassoB5.DY_DLAMBDA, truth, 1e-10);
        double truthNorm = norm(truth);
        int[] crossings = {-1, -1, -1};
        double[] thresholds = {1e-2, 1e-6, 1e-10};
        double e1200 = Double.NaN;
        double e1400 = Double.NaN;
        double maxJ = 0;
        for (int k = 1; k <= 3000; k++) {
            map.jvp(x, y, jac, dx, jacNext);     // J_k = A(y_{k-1}) J_{k-1} + B(y_{k-1})
            map.step(x, y, next);
            double[] t = y;
            y = next;
            next = t;
            t = jac;
            jac = jacNext;
            jacNext = t;
            maxJ = Math.max(maxJ, norm(jac));
            double err = 0;
            for (int i = 0; i < 10; i++) {
                err += (jac[i] - truth[i]) * (jac[i] - truth[i]);
            }
            err = Math.sqrt(err) / truthNorm;
            for (int c = 0; c < 3; c++) {
                if (crossings[c] < 0 && err < thresholds[c]) {
                    crossings[c] = k;
                }
            }
            if (k == 1200) {
                e1200 = err;
            }
            if (k == 1400) {
                e1400 = err;
            }
        }
        assertArrayEquals(LassoB5.Y_STAR, y, 2e-10);
        assertArrayEquals(truth, jac, 1e-10);
        assertArrayEquals(LassoB5.DY_DLAMBDA, jac, 1e-10);
        int[] published = {212, 899, 1587};
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(crossings[c] - published[c]) <= 0.1 * published[c],
                    "error below " + thresholds[c] + " first at " + crossings[c] + ", published " + published[c]);
        }
        double rate = Math.pow(e1400 / e1200, 1.0 / 200);
        assertEquals(LassoB5.RATE, rate, 1e-3);
        assertTrue(maxJ < 1, "the derivative norm stays bounded, max " + maxJ);
    }

    @Test
    void supportRestrictedImplicitGivesTheSameJacobian() {
        double lambda = 0.1 * LassoB5.lambdaMax();
        double[] y = solve(lambda, 3000);
        NonsmoothJacobian j = SupportRestrictedJacobian.defaults().compute(LassoB5.loss(),
                ParametricElasticNet.lasso(), new double[] {lambda}, y);
        assertEquals(NonsmoothStatus.OK, j.status(), j.toString());
        assertArrayEquals(new int[] {0, 1, 4, 7, 8}, j.support());
        assertEquals(0, j.kinks().length);
        double[] truth = LassoB5.closedForm();
        for (int i = 0; i < 10; i++) {
            assertEquals(truth[i], j.jacobian(i, 0), 1e-10, "row " + i);
        }
        // qualification: σ_min(I − A_SS) = η λ_min(A_SᵀA_S) = 1 − 0.98669 (the rate) for η = 1/L
        assertEquals(1 - LassoB5.RATE, j.sigmaMin(), 1e-5);
        assertTrue(j.fixedPointResidual() < 1e-12, "residual " + j.fixedPointResidual());
        assertEquals(5, j.hessianVectorProducts());
    }

    static double[] solve(double lambda, int steps) {
        InnerMap map = ForwardBackward.ista(ParametricElasticNet.lasso(), 1.0 / LassoB5.lipschitz())
                .bind(LassoB5.loss());
        double[] x = {lambda};
        double[] y = new double[10];
        double[] next = new double[10];
        for (int k = 0; k < steps; k++) {
            map.step(x, y, next);
            double[] t = y;
            y = next;
            next = t;
        }
        return y;
    }

    static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }
}
