package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;

/** Regressions found by {@code BuildersFuzzTest} in {@link ProximalGradient}. */
class ProximalGradientScaleRegressionTest {

    /** {@code s · Rosenbrock}. */
    static DifferentiableFunction rosenbrock(double s) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return 2; }

            @Override
            public double value(double[] x) {
                return valueAndGradient(x, new double[2]);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double a = x[1] - x[0] * x[0];
                double c = 1 - x[0];
                g[0] = s * (-400 * x[0] * a - 2 * c);
                g[1] = s * (200 * a);
                return s * (100 * a * a + c * c);
            }
        };
    }

    @Test
    void aTinyGradientIsNotReportedAsAZeroGradientMapping() {
        // before: ‖x − (x − t∇J)‖/t cancelled to 0 (t|∇J| ≈ 1e-297 below ulp(x)), so the start (−1.2, 1) of a
        // Rosenbrock scaled by 1e-300 was declared CONVERGED_GRADIENT at iteration 0 with |grad| = 0
        double s = 1e-300;
        double[] start = {-1.2, 1};
        ProximalGradient ista = ProximalGradient.builder().constantStep(10).build();
        ProximalGradient.State state = ista.start(CompositeProblem.smoothOnly(rosenbrock(s)), start);
        // with r = 0 the gradient mapping is ‖∇J(x)‖ = s·‖(−215.6, −88)‖ exactly
        assertEquals(s * Math.hypot(-215.6, -88), state.gradientMappingNorm(), 1e-15 * s * 233);
        OptimizationResult r = ista.minimize(rosenbrock(s), start,
                SolveOptions.builder().maxIterations(50).gradientTolerance(1e-308).build());
        assertFalse(r.termination().isConverged(), r.toString());
        assertTrue(r.gradientNorm() > 1e-298, r.toString());
    }

    @Test
    void aLipschitzConstantWhoseReciprocalOverflowsIsRefused() {
        // before: lipschitz(4.9e-324) was accepted and gave the step 1/L = +Infinity
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProximalGradient.builder().lipschitz(Double.MIN_VALUE));
        assertTrue(e.getMessage().startsWith("lipschitz = 4.9E-324"), e.getMessage());
        assertTrue(ProximalGradient.builder().lipschitz(1e-300).build().describe()
                .contains("constantStep=" + (1 / 1e-300) + ","));
    }
}
