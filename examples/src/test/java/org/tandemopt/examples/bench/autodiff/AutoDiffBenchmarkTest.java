package org.tandemopt.examples.bench.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The benchmark compares like with like: its hand-written oracles agree with the AD ones. */
class AutoDiffBenchmarkTest {

    static double relative(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }

    @Test
    void logisticHandAndAdAgree() {
        AutoDiffBenchmark.Logistic s = new AutoDiffBenchmark.Logistic();
        s.setUp();
        double[] w = s.points[1];
        double[] gAd = new double[AutoDiffBenchmark.P];
        double[] gHand = new double[AutoDiffBenchmark.P];
        double vAd = s.ad.valueAndGradient(w, gAd);
        double vHand = s.handGradient(w, gHand);
        assertEquals(vHand, vAd, 1e-13 * Math.abs(vHand));
        assertEquals(vHand, s.handValue(w), 1e-13 * Math.abs(vHand));
        assertTrue(relative(gAd, gHand) < 1e-12, "gradient relative error " + relative(gAd, gHand));
    }

    @Test
    void networkHandAndAdAgree() {
        AutoDiffBenchmark.Network s = new AutoDiffBenchmark.Network();
        s.setUp();
        double[] th = s.points[1];
        double[] gAd = new double[AutoDiffBenchmark.Network.D];
        double[] gHand = new double[AutoDiffBenchmark.Network.D];
        double vAd = s.ad.valueAndGradient(th, gAd);
        double vHand = s.handGradient(th, gHand);
        assertEquals(vHand, vAd, 1e-12 * Math.abs(vHand));
        assertTrue(relative(gAd, gHand) < 1e-12, "gradient relative error " + relative(gAd, gHand));
    }
}
