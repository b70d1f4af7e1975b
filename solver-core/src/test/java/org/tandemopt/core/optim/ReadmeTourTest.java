package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.DecayingStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.prox.L1Norm;

/** The README tour snippet for proximal and learning optimizers, compiled and run on B5 and a finite sum. */
class ReadmeTourTest {

    @Test
    void tour() {
        DifferentiableFunction leastSquares = ProximalGradientTest.b5(); // J(y) = ½‖Ay − b‖²
        double lambda = 2.0746446991;
        StochasticObjective trainingLoss = LearningOptimizersTest.DATA;
        double[] theta0 = new double[trainingLoss.dimension()];

        // --- snippet start
        // Lasso: minimise ½‖Ay − b‖² + λ‖y‖₁ with FISTA (backtracking step, adaptive restart)
        ProximalGradient fista = ProximalGradient.builder().accelerated(true)
                .restart(ProximalGradient.Restart.GRADIENT).build();
        OptimizationResult lasso = fista.minimize(leastSquares, L1Norm.of(lambda), new double[10],
                SolveOptions.builder().gradientTolerance(1e-10).build());
        // lasso.value() = J + λ‖y‖₁, lasso.gradientNorm() = norm of the gradient mapping

        // Training loss over N samples with INNA, mini-batches of 8 drawn from seed 42, decaying steps
        OptimizationResult fit = INNA.builder().schedule(new DecayingStep(0.1, 1, 0.5)).build()
                .minimize(trainingLoss, 8, 42L, theta0, SolveOptions.builder().maxIterations(2000).build());
        // --- snippet end

        assertEquals(Termination.CONVERGED_GRADIENT, lasso.termination());
        assertArrayEquals(ProximalGradientTest.B5_Y_STAR, lasso.point(), 1e-8);
        assertEquals(Termination.MAX_ITERATIONS, fit.termination());
        assertEquals(2001, fit.gradientEvaluations());
        // consistent system: the decaying-step run approaches x* (from distance ‖x*‖ to 0.052, as measured)
        assertEquals(0.0519786213, org.tandemopt.core.linalg.Vectors.distance(fit.point(),
                LearningOptimizersTest.DATA.solution), 1e-9);
    }
}
