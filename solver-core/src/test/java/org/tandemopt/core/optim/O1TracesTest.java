package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * REFERENCE-PROBLEMS.md O1: the iterates of INNA, INNAprop and step-tuned SGD on {@code J(θ) = ½(θ₁² + 10θ₂²)}
 * from {@code θ_0 = (1, 1)} with full gradients, every tabulated iterate to 1e-9. Stepping by hand and running
 * through the driver must give the same points.
 */
class O1TracesTest {

    static final DifferentiableFunction J = new DifferentiableFunction() {
        @Override public int dimension() { return 2; }
        @Override public double value(double[] x) { return 0.5 * (x[0] * x[0] + 10 * x[1] * x[1]); }
        @Override public double valueAndGradient(double[] x, double[] g) {
            g[0] = x[0];
            g[1] = 10 * x[1];
            return value(x);
        }
    };

    static final double[] THETA0 = {1, 1};

    @Test
    void innaTrace() {
        INNA inna = INNA.builder().step(0.1).alpha(0.5).beta(0.1).build();
        Map<Integer, double[]> expected = Map.of(
                1, new double[] {0.99, 0.9},
                2, new double[] {0.9706, 0.715},
                10, new double[] {0.5655835008, -0.7680644723},
                100, new double[] {-0.0774650768, 0.0575002537});
        INNA.State s = inna.start(J, THETA0);
        assertArrayEquals(new double[] {0.95, 0.95}, s.auxiliary(), 0, "psi_0 = (1 - alpha beta) theta_0");
        for (int k = 1; k <= 100; k++) {
            inna.step(J, s);
            double[] e = expected.get(k);
            if (e != null) {
                assertArrayEquals(e, s.point(), 1e-9, "INNA theta after " + k + " steps");
            }
        }
        assertEquals(100, s.gradientEvaluations() - 1, "one gradient per iteration");
        for (int k : expected.keySet()) {
            OptimizationResult r = inna.minimize(J, THETA0, SolveOptions.builder().maxIterations(k)
                    .gradientTolerance(0).build());
            assertEquals(Termination.MAX_ITERATIONS, r.termination());
            assertArrayEquals(expected.get(k), r.point(), 1e-9, "driver run of " + k + " iterations");
        }
    }

    @Test
    void innaPropTrace() {
        INNAprop p = INNAprop.defaults();
        Map<Integer, Double> expected = Map.of(1, 0.9990899899, 2, 0.9981794784, 10, 0.9908774697,
                100, 0.9067021331, 1000, 0.0715614954);
        INNAprop.State s = p.start(J, THETA0);
        for (int k = 1; k <= 1000; k++) {
            p.step(J, s);
            Double e = expected.get(k);
            if (e != null) {
                assertEquals(e, s.point()[0], 1e-9, "INNAprop theta_1 after " + k + " steps");
            }
        }
        // both coordinates see the same normalised gradient sign until the second moments separate them
        assertEquals(s.point()[0], s.point()[1], 1e-6);
        OptimizationResult r = p.minimize(J, THETA0, SolveOptions.builder().maxIterations(1000)
                .gradientTolerance(0).build());
        assertEquals(0.0715614954, r.point()[0], 1e-9);
        assertEquals(1001, r.gradientEvaluations());
    }

    @Test
    void stepTunedSgdTrace() {
        StepTunedSGD sgd = StepTunedSGD.builder().alpha(0.05).build();
        Map<Integer, double[]> expected = Map.of(
                1, new double[] {0.9025, 0.25},
                2, new double[] {0.8708955565, 0.1694745743},
                10, new double[] {0.7374629477, 0.0294381949},
                100, new double[] {0.27859967114, 1.343747985e-6});
        StepTunedSGD.State s = sgd.start(J, THETA0);
        assertEquals(1.0, s.gamma());
        for (int k = 1; k <= 100; k++) {
            sgd.step(J, s);
            double[] e = expected.get(k);
            if (e != null) {
                assertArrayEquals(e, s.point(), 1e-9, "step-tuned SGD theta after " + k + " iterations");
            }
        }
        // the tiny second coordinate also to 10 significant digits
        assertEquals(1.343747985e-6, s.point()[1], 1e-15);
        assertEquals(201, s.gradientEvaluations(), "two gradients per iteration plus the start");
        assertTrue(s.gamma() >= 0.5 && s.gamma() <= 2);
        OptimizationResult r = sgd.minimize(J, THETA0, SolveOptions.builder().maxIterations(100)
                .gradientTolerance(0).trace(true).build());
        assertArrayEquals(expected.get(100), r.point(), 1e-9);
        assertEquals(0.5, r.trace().records().get(1).extra("gamma"), 0, "gamma_1 clipped to m");
    }
}
