package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The stable primitives stay finite and accurate where the naive formulas overflow or cancel. */
class NumericalStabilityTest {

    @Test
    void sigmoidAndSoftplusOnBothTails() {
        AdFunction sp = AutoDiff.function(4, x -> x.softplus().sum());
        double[] x = {800, -800, 40, -40};
        double[] g = new double[4];
        double[] hv = new double[4];
        double v = sp.valueAndGradient(x, g);
        assertEquals(800 + 40 + 2 * Math.exp(-40), v, 1e-12);           // log(1 + e^800) = 800 without overflow
        assertEquals(1.0, g[0], 0.0);
        assertEquals(0.0, g[1], 0.0);
        assertEquals(1.0 / (1 + Math.exp(-40)), g[2], 1e-16);
        assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), g[3], 1e-15 * Math.exp(-40));
        sp.hessianVector(x, new double[] {1, 1, 1, 1}, hv);
        double s = Math.exp(-40) / Math.pow(1 + Math.exp(-40), 2);
        assertArrayEquals(new double[] {0, 0, s, s}, hv, 1e-15 * s);

        AdFunction sig = AutoDiff.function(2, y -> y.sigmoid().sum());
        double[] gs = new double[2];
        assertEquals(1.0, sig.valueAndGradient(new double[] {800, -800}, gs), 0.0);
        assertArrayEquals(new double[] {0, 0}, gs, 0.0);
    }

    @Test
    void logSumExpAndCrossEntropyWithHugeLogits() {
        AdFunction lse = AutoDiff.function(3, x -> x.logSumExp());
        double[] g = new double[3];
        assertEquals(1000 + Math.log(2 + Math.exp(-1)), lse.valueAndGradient(new double[] {1000, 1000, 999}, g),
                1e-12);
        double z = 2 + Math.exp(-1);
        assertArrayEquals(new double[] {1 / z, 1 / z, Math.exp(-1) / z}, g, 1e-16);

        AdFunction ce = AutoDiff.function(4, x -> x.reshape(2, 2).softmaxCrossEntropy(new int[] {0, 1}));
        double[] gc = new double[4];
        // rows (1000, 0) with label 0 → loss ≈ e^{-1000} = 0; (−1000, 1000) with label 1 → loss ≈ 0
        assertEquals(0.0, ce.valueAndGradient(new double[] {1000, 0, -1000, 1000}, gc), 0.0);
        assertArrayEquals(new double[] {0, 0, 0, 0}, gc, 0.0);
        // row (−1000, 1000) with label 0 costs 2000, row (0, 0) with label 1 costs log 2
        assertEquals(2000 + Math.log(2), ce.valueAndGradient(new double[] {-1000, 1000, 0, 0}, gc), 1e-12);
        assertArrayEquals(new double[] {-1, 1, 0.5, -0.5}, gc, 0.0);
    }
}
