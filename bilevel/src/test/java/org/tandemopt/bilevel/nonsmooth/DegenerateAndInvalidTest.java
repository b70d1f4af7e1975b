package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.core.optim.prox.GroupL1;

/** Kinks report the ambiguity, unqualified solutions are refused, bad input names the argument. */
class DegenerateAndInvalidTest {

    /** h = ½‖y − c‖², r = λ‖y‖₁: y* = soft(c, λ); with c_0 = λ exactly, coordinate 0 sits on the kink. */
    static final double[] C = {0.5, 2.0, -1.25};

    static LeastSquaresLoss denoising() {
        return LeastSquaresLoss.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, C, 1.0, 1);
    }

    @Test
    void aCoordinateExactlyAtTheThresholdIsReportedAsAmbiguous() {
        double[] x = {0.5};
        double[] y = {0.0, 1.5, -0.75};
        NonsmoothJacobian j = SupportRestrictedJacobian.defaults().withStep(1.0).compute(denoising(),
                ParametricElasticNet.lasso(), x, y);
        assertEquals(NonsmoothStatus.KINK_AMBIGUITY, j.status(), j.toString());
        assertArrayEquals(new int[] {0}, j.kinks());
        assertArrayEquals(new int[] {1, 2}, j.support());
        assertEquals(0.0, j.fixedPointResidual(), 0.0);
        // the selected element (kink derivative 0) and the spread to the other extreme (−sign(c_0) = −1)
        assertEquals(0.0, j.jacobian(0, 0), 0.0);
        assertEquals(-1.0, j.jacobian(1, 0), 1e-15);
        assertEquals(1.0, j.jacobian(2, 0), 1e-15);
        assertEquals(1.0, j.kinkSpread(), 1e-15);
        assertEquals(1.0, j.sigmaMinLower(), 1e-15);
        assertEquals(1.0, j.sigmaMinUpper(), 1e-15);

        // the estimator carries the status: the number is not presented as exact
        LeastSquaresLoss upper = LeastSquaresLoss.of(new double[][] {{1, 1, 1}}, new double[] {0}, 1.0, 1);
        BilevelProblem p = BilevelProblem.of(upper, denoising(), x, new double[3]);
        Hypergradient h = NonsmoothImplicitDifferentiation.with(ParametricElasticNet.lasso()).estimate(p,
                ForwardBackward.ista(ParametricElasticNet.lasso(), 1.0), x, new double[3], InnerSchedule.steps(5));
        assertEquals(HypergradientStatus.KINK_AMBIGUITY, h.status(), h.toString());
        assertEquals(1.0, h.diagnostics().qualification(), 1e-15);

        // a hair away from the kink the answer is unambiguous and exact
        NonsmoothJacobian off = SupportRestrictedJacobian.defaults().withStep(1.0).compute(denoising(),
                ParametricElasticNet.lasso(), new double[] {0.5 + 1e-6}, y);
        assertEquals(NonsmoothStatus.OK, off.status());
        assertEquals(0, off.kinks().length);
    }

    @Test
    void anUnqualifiedSolutionIsRefused() {
        // A = [1 1]: H_SS = [[1, 1], [1, 1]] is singular on the support {0, 1}
        LeastSquaresLoss h = LeastSquaresLoss.of(new double[][] {{1, 1}}, new double[] {3}, 1.0, 1);
        double[] y = {1.45, 1.45};   // y_0 + y_1 = 3 − λ, λ = 0.1
        NonsmoothJacobian j = SupportRestrictedJacobian.defaults().withStep(0.5).compute(h,
                ParametricElasticNet.lasso(), new double[] {0.1}, y);
        assertEquals(NonsmoothStatus.NOT_QUALIFIED, j.status(), j.toString());
        assertNull(j.jacobian());
        assertTrue(j.sigmaMin() < 1e-15, "sigmaMin " + j.sigmaMin());
        assertEquals(0.0, j.fixedPointResidual(), 1e-15);

        LeastSquaresLoss upper = LeastSquaresLoss.of(new double[][] {{1, 0}}, new double[] {0}, 1.0, 1);
        BilevelProblem p = BilevelProblem.of(upper, h, new double[] {0.1}, new double[2]);
        Hypergradient e = NonsmoothImplicitDifferentiation.with(ParametricElasticNet.lasso()).estimate(p,
                ForwardBackward.ista(ParametricElasticNet.lasso(), 0.5), new double[] {0.1}, new double[2],
                InnerSchedule.steps(100));
        assertEquals(HypergradientStatus.NOT_QUALIFIED, e.status());
        assertTrue(Double.isNaN(e.gradient(0)));
    }

    @Test
    void boxAndNonSeparableOperators() {
        // the box projection through the adapter is separable: only the free coordinate moves
        NonsmoothJacobian j = SupportRestrictedJacobian.defaults().withStep(1.0).compute(denoising(),
                ParametricProx.of(BoxProjection.uniform(-1, 1)), new double[] {0}, new double[] {0.5, 1.0, -1.0});
        assertEquals(NonsmoothStatus.OK, j.status(), j.toString());
        assertArrayEquals(new int[] {0}, j.support());
        assertNull(j.kinks());   // the core operators do not report kinks
        assertEquals(1.0, j.sigmaMin(), 1e-15);
        // group ℓ1 has a non-diagonal Jacobian: no support restriction, a clear status (use the piggyback)
        NonsmoothJacobian g = SupportRestrictedJacobian.defaults().withStep(1.0).compute(denoising(),
                ParametricProx.of(GroupL1.uniform(3, GroupL1.consecutive(3, 2, 1), 0.1)), new double[] {0},
                new double[] {0.5, 2.0, -1.25});
        assertEquals(NonsmoothStatus.NOT_SEPARABLE, g.status());
        assertNull(g.jacobian());
    }

    @Test
    void badInputNamesTheArgument() {
        ParametricElasticNet lasso = ParametricElasticNet.lasso();
        SupportRestrictedJacobian srj = SupportRestrictedJacobian.defaults();
        expect("y", () -> srj.compute(denoising(), lasso, new double[] {0.5}, new double[2]));
        expect("x", () -> srj.compute(denoising(), lasso, new double[] {Double.NaN}, new double[3]));
        expect("h", () -> srj.compute(null, lasso, new double[] {0.5}, new double[3]));
        expect("prox.parameterDimension()", () -> srj.compute(LeastSquaresLoss.of(new double[][] {{1, 0}},
                new double[] {1}, 1, 3), ParametricElasticNet.of(ParametricElasticNet.Weighting.PER_FEATURE_LOG,
                2, 0), new double[3], new double[2]));
        expect("kinkTolerance", () -> srj.withKinkTolerance(-1));
        expect("qualificationTolerance", () -> srj.withQualificationTolerance(Double.NaN));
        expect("step", () -> srj.withStep(0));
        expect("s", () -> lasso.withKinkDerivative(1.5));
        expect("weighting", () -> ParametricElasticNet.of(null, 3, 0));
        expect("beta", () -> ParametricElasticNet.of(ParametricElasticNet.Weighting.SHARED_LOG, 3, -1));
        expect("m", () -> ParametricElasticNet.of(ParametricElasticNet.Weighting.SHARED_LOG, 0, 0));
        expect("step", () -> ForwardBackward.ista(lasso, -1));
        expect("prox", () -> ForwardBackward.fista(null));
        expect("c", () -> ForwardBackward.ista(lasso).withLipschitzFactor(2));
        expect("a[1]", () -> LeastSquaresLoss.of(new double[][] {{1, 2}, {3}}, new double[] {1, 2}, 1, 1));
        expect("b", () -> LeastSquaresLoss.of(new double[][] {{1, 2}}, new double[] {1, 2}, 1, 1));
        expect("scale", () -> LeastSquaresLoss.of(new double[][] {{1, 2}}, new double[] {1}, 0, 1));
        expect("gamma", () -> DouglasRachford.of(lasso, Double.NaN));
        expect("prox.dimension()", () -> ForwardBackward.ista(ParametricElasticNet.of(
                ParametricElasticNet.Weighting.PER_FEATURE_LOG, 4, 0)).bind(LeastSquaresLoss.of(
                new double[][] {{1, 2}}, new double[] {1}, 1, 4)));
    }

    static void expect(String argument, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(argument), "message '" + e.getMessage() + "' should name " + argument);
    }
}
