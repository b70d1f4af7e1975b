package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientEstimator;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.InnerAlgorithm;

/**
 * B5 through the hypergradient estimators: forward (piggyback) and reverse (unrolled) mode through ISTA,
 * Douglas–Rachford and ADMM, and nonsmooth implicit differentiation, against the closed form; the derivative
 * growth monitor is active and does not fire.
 */
class NonsmoothEstimatorsTest {

    static final double[] W = {0.3, -1.0, 0.7, 0.2, 0.5, -0.4, 0.1, 0.9, -0.6, 0.25};

    /** f(y) = ½ (wᵀy)², so ∇φ(λ) = (wᵀy*)(wᵀ dy*(λ)/dλ). */
    static BilevelProblem problem(double lambda) {
        LeastSquaresLoss upper = LeastSquaresLoss.of(new double[][] {W}, new double[] {0}, 1.0, 1);
        return BilevelProblem.of(upper, LassoB5.loss(), new double[] {lambda}, new double[10]);
    }

    static double truth() {
        double[] j = LassoB5.closedForm();
        double wy = 0;
        double wj = 0;
        for (int i = 0; i < 10; i++) {
            wy += W[i] * LassoB5.Y_STAR[i];
            wj += W[i] * j[i];
        }
        return wy * wj;
    }

    Hypergradient estimate(HypergradientEstimator e, InnerAlgorithm inner, int steps) {
        return estimate(e, inner, steps, 0.1 * LassoB5.lambdaMax());
    }

    Hypergradient estimate(HypergradientEstimator e, InnerAlgorithm inner, int steps, double lambda) {
        return e.estimate(problem(lambda), inner, new double[] {lambda}, new double[10], InnerSchedule.steps(steps));
    }

    @Test
    void forwardReverseAndImplicitAgreeWithTheClosedForm() {
        double l = LassoB5.lipschitz();
        ParametricElasticNet lasso = ParametricElasticNet.lasso();
        InnerAlgorithm[] inners = {ForwardBackward.ista(lasso), DouglasRachford.of(lasso, 1 / l), Admm.of(lasso, l)};
        double t = truth();
        for (InnerAlgorithm inner : inners) {
            for (HypergradientEstimator e : new HypergradientEstimator[] {ForwardDifferentiation.create(),
                    UnrolledDifferentiation.storeAll()}) {
                Hypergradient h = estimate(e, inner, 3000);
                assertEquals(HypergradientStatus.OK, h.status(), inner + " " + e);
                assertEquals(t, h.gradient(0), 1e-9 * Math.abs(t), inner + " " + e);
                double growth = h.diagnostics().derivativeGrowth();
                assertTrue(growth >= 1 && growth < 10, inner + " " + e + " growth " + growth);
                assertFalse(h.diagnostics().derivativeBlowUp());
                assertTrue(h.diagnostics().innerResidual() < 1e-9, "stationarity " + h.diagnostics().innerResidual());
            }
            Hypergradient h = estimate(NonsmoothImplicitDifferentiation.with(lasso), inner, 3000);
            assertEquals(HypergradientStatus.OK, h.status());
            assertEquals(t, h.gradient(0), 1e-10 * Math.abs(t) + 1e-12, inner.toString());
            assertEquals(1 - LassoB5.RATE, h.diagnostics().qualification(), 1e-5);
        }
    }

    @Test
    void aDerivativeBlowUpIsFlagged() {
        // with a tiny λ every coordinate is active and a step 2.2/L gives the selected A = I − ηH the
        // eigenvalue −1.2: the propagated Jacobian grows like 1.2^k and the monitor must fire
        ParametricElasticNet lasso = ParametricElasticNet.lasso();
        Hypergradient h = estimate(ForwardDifferentiation.create().withBlowUpFactor(1e3),
                ForwardBackward.ista(lasso, 2.2 / LassoB5.lipschitz()), 100, 1e-3 * LassoB5.lambdaMax());
        assertTrue(h.diagnostics().derivativeBlowUp(), h.toString());
        assertTrue(h.status() == HypergradientStatus.DERIVATIVE_BLOW_UP || h.status() == HypergradientStatus.NON_FINITE);
    }
}
