package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.InnerAlgorithm;

/** Regressions found by {@code NonsmoothFuzzTest}. */
class NonsmoothFuzzRegressionTest {

    static final double[][] A = {{1, 0}, {0, 2}, {1, 1}};
    static final double[] B = {1, 1, 0.5};

    static BilevelProblem problem(double scale, int n) {
        return BilevelProblem.of(LeastSquaresLoss.of(A, B, 1.0, n), LeastSquaresLoss.of(A, B, scale, n),
                new double[n], new double[2]);
    }

    @Test
    void aNegativeLinearWeightIsNeverAcceptedAsAConvergedInnerSolve() {
        // before: the NaN gradient mapping (NaN weight) read as "no stationarity measure", so ‖∇_y h‖ = 4e-13
        // (loss scale 1e-12) was compared with the tolerance and y0 = 0 was returned with status OK
        ParametricElasticNet linear = ParametricElasticNet.of(ParametricElasticNet.Weighting.PER_FEATURE_LINEAR, 2, 0);
        double[] x = {-1e-13, 1e-12};
        for (InnerAlgorithm inner : new InnerAlgorithm[] {ForwardBackward.ista(linear), DouglasRachford.of(linear, 1e11),
                Admm.of(linear, 1e-11)}) {
            Hypergradient h = UnrolledDifferentiation.storeAll().estimate(problem(1e-12, 2), inner, x, new double[2],
                    InnerSchedule.untilResidual(1e-10, 50));
            assertEquals(HypergradientStatus.NON_FINITE, h.status(), inner + ": " + h);
        }
        // the same weights with x ≥ 0 solve normally
        Hypergradient ok = ForwardDifferentiation.create().estimate(problem(1e-12, 2), ForwardBackward.ista(linear),
                new double[] {1e-13, 1e-12}, new double[2], InnerSchedule.untilResidual(1e-22, 5000));
        assertEquals(HypergradientStatus.OK, ok.status(), ok.toString());
        assertTrue(ok.diagnostics().innerResidual() <= 1e-22, ok.toString());
    }

    @Test
    void aStepTheFactorizationCannotTakeIsRefusedNamingIt() {
        // before: an IllegalStateException ("Cholesky failed") escaped the estimate
        ParametricElasticNet lasso = ParametricElasticNet.of(ParametricElasticNet.Weighting.SHARED_LOG, 2, 0);
        IllegalArgumentException dr = assertThrows(IllegalArgumentException.class,
                () -> ForwardDifferentiation.create().estimate(problem(1e300, 1), DouglasRachford.of(lasso, 1e300),
                        new double[1], new double[2], InnerSchedule.steps(5)));
        assertTrue(dr.getMessage().startsWith("gamma = 1.0E300 with the loss scale c = 1.0E300"), dr.getMessage());
        IllegalArgumentException admm = assertThrows(IllegalArgumentException.class,
                () -> ForwardDifferentiation.create().estimate(problem(1e308, 1), Admm.of(lasso, 1),
                        new double[1], new double[2], InnerSchedule.steps(5)));
        // cAᵀA has the entry 5c = 5e308 = +∞
        assertTrue(admm.getMessage().startsWith("rho = 1.0 with the loss scale c = 1.0E308"), admm.getMessage());
    }
}
