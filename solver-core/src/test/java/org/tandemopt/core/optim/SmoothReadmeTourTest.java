package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/** The README tour snippet for the smooth optimizers, compiled and checked (numbers as printed there). */
class SmoothReadmeTourTest {

    @Test
    void lbfgsOnRosenbrock() {
        // --- README snippet start
        DifferentiableFunction rosenbrock = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }
            @Override public double value(double[] x) {
                double r = x[1] - x[0] * x[0];
                return 100 * r * r + (1 - x[0]) * (1 - x[0]);
            }
            @Override public double valueAndGradient(double[] x, double[] g) {
                double r = x[1] - x[0] * x[0];
                g[0] = -400 * x[0] * r - 2 * (1 - x[0]);
                g[1] = 200 * r;
                return 100 * r * r + (1 - x[0]) * (1 - x[0]);
            }
        };
        OptimizationResult r = LBFGS.defaults().minimize(rosenbrock, new double[] {-1.2, 1},
                SolveOptions.builder().gradientTolerance(1e-10).build());
        // r.termination() == CONVERGED_GRADIENT, r.point() == (1, 1), 39 iterations, 47 gradient evaluations
        // --- README snippet end
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertEquals(1, r.point()[0], 1e-12);
        assertEquals(1, r.point()[1], 1e-12);
        assertEquals(39, r.iterations());
        assertEquals(47, r.gradientEvaluations());
    }
}
