package org.tandemopt.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.Criteria;
import org.tandemopt.core.monitor.LoggingListener;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.OptimizationResult;

/** The code of the README tour, kept here so that it is proven to compile and to give what the README says. */
class ReadmeTourTest {

    @Test
    void singleLevelTour() {
        // --- README: "A function and an optimizer" ---
        DifferentiableFunction f = new DifferentiableFunction() {   // J(x) = (x0 − 1)² + 10 (x1 + 2)²
            public int dimension() { return 2; }
            public double value(double[] x) {
                return (x[0] - 1) * (x[0] - 1) + 10 * (x[1] + 2) * (x[1] + 2);
            }
            public double valueAndGradient(double[] x, double[] g) {
                g[0] = 2 * (x[0] - 1);
                g[1] = 20 * (x[1] + 2);
                return value(x);
            }
        };
        SolveOptions options = SolveOptions.builder()
                .maxIterations(500)
                .convergence(Criteria.gradientNorm(1e-10).or(Criteria.stepNorm(1e-14)))
                .trace(true)
                .listener(new LoggingListener(50))
                .build();
        OptimizationResult r = GradientDescent
                .withStepRule(ArmijoBacktracking.builder().expansion(2).build())
                .minimize(f, new double[] {0, 0}, options);
        System.out.println(r.termination() + " after " + r.iterations() + " iterations: " + r.point()[0] + ", "
                + r.point()[1]);
        // --- end ---
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertArrayEquals(new double[] {1, -2}, r.point(), 1e-10);
        assertEquals(r.iterations() + 1, r.trace().size());
    }
}
