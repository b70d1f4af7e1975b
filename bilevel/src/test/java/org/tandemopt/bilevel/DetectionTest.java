package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.HessianCondition;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linalg.LinearSolveResult;
import org.tandemopt.core.linalg.LinearSolveStatus;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/** Singular and indefinite lower Hessians are flagged; derivative blow-up (B6) is flagged. */
class DetectionTest {

    /** {@code g(x, y) = x² y²}, {@code f(x, y) = ½ (y − 1)² + ½ x²}: {@code H_yy = 2x²} is singular at x = 0. */
    static BilevelProblem singular(double x0) {
        ParametricFunction g = new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }
            @Override public int variableDimension() { return 1; }
            @Override public double value(double[] x, double[] y) { return x[0] * x[0] * y[0] * y[0]; }
            @Override public double gradientY(double[] x, double[] y, double[] o) { o[0] = 2 * x[0] * x[0] * y[0]; return value(x, y); }
            @Override public void gradientX(double[] x, double[] y, double[] o) { o[0] = 2 * x[0] * y[0] * y[0]; }
            @Override public boolean hasSecondOrder() { return true; }
            @Override public void hessianYY(double[] x, double[] y, double[] v, double[] o) { o[0] = 2 * x[0] * x[0] * v[0]; }
            @Override public void crossTranspose(double[] x, double[] y, double[] w, double[] o) { o[0] = 4 * x[0] * y[0] * w[0]; }
            @Override public void cross(double[] x, double[] y, double[] u, double[] o) { o[0] = 4 * x[0] * y[0] * u[0]; }
        };
        ParametricFunction f = new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }
            @Override public int variableDimension() { return 1; }
            @Override public double value(double[] x, double[] y) { return 0.5 * (y[0] - 1) * (y[0] - 1) + 0.5 * x[0] * x[0]; }
            @Override public double gradientY(double[] x, double[] y, double[] o) { o[0] = y[0] - 1; return value(x, y); }
            @Override public void gradientX(double[] x, double[] y, double[] o) { o[0] = x[0]; }
        };
        return BilevelProblem.of(f, g, new double[] {x0}, new double[] {0.5});
    }

    @Test
    void singularLowerHessianIsFlaggedByEveryImplicitSolve() {
        BilevelProblem p = singular(0);
        Hypergradient direct = ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, GradientStep.fixed(0.1),
                new double[] {0}, new double[] {0.5}, InnerSchedule.steps(5));
        assertEquals(HypergradientStatus.SINGULAR_HESSIAN, direct.status());
        assertEquals(HessianCondition.SINGULAR, direct.diagnostics().hessianCondition());
        assertArrayEquals(new int[] {0, 0, 1}, direct.diagnostics().inertia());
        Hypergradient cg = ImplicitDifferentiation.with(TestSolvers.cg(1e-12, 10)).estimate(p, GradientStep.fixed(0.1),
                new double[] {0}, new double[] {0.5}, InnerSchedule.steps(5));
        assertNotEquals(HypergradientStatus.OK, cg.status(), cg.toString());
        // a solver run ends with the matching termination instead of a wrong step
        BilevelResult r = ApproximateImplicitGradient.builder(TestSolvers.ldlt()).inner(GradientStep.fixed(0.1))
                .maxInnerSteps(5).build().solve(p, SolveOptions.defaults());
        assertEquals(Termination.INDEFINITE_HESSIAN, r.termination());
        assertEquals(0, r.iterations());
        // away from x = 0 the same problem is regular: y* = 0, φ(x) = ½ + ½x², φ'(x) = x
        Hypergradient ok = ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(singular(1), GradientStep.fixed(0.25),
                new double[] {1}, new double[] {0.5}, InnerSchedule.steps(200));
        assertEquals(HypergradientStatus.OK, ok.status());
        assertEquals(1.0, ok.gradient(0), 1e-12);
    }

    /** {@code g = ½y₁² − ½y₂² + x(y₁ + y₂)} (a saddle in y), {@code f = ½‖y − a‖²}. */
    static BilevelProblem indefinite(double a1, double a2) {
        ParametricFunction g = new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }
            @Override public int variableDimension() { return 2; }
            @Override public double value(double[] x, double[] y) { return 0.5 * y[0] * y[0] - 0.5 * y[1] * y[1] + x[0] * (y[0] + y[1]); }
            @Override public double gradientY(double[] x, double[] y, double[] o) { o[0] = y[0] + x[0]; o[1] = -y[1] + x[0]; return value(x, y); }
            @Override public void gradientX(double[] x, double[] y, double[] o) { o[0] = y[0] + y[1]; }
            @Override public boolean hasSecondOrder() { return true; }
            @Override public void hessianYY(double[] x, double[] y, double[] v, double[] o) { o[0] = v[0]; o[1] = -v[1]; }
            @Override public void crossTranspose(double[] x, double[] y, double[] w, double[] o) { o[0] = w[0] + w[1]; }
            @Override public void cross(double[] x, double[] y, double[] u, double[] o) { o[0] = u[0]; o[1] = u[0]; }
        };
        ParametricFunction f = new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }
            @Override public int variableDimension() { return 2; }
            @Override public double value(double[] x, double[] y) { return 0.5 * ((y[0] - a1) * (y[0] - a1) + (y[1] - a2) * (y[1] - a2)); }
            @Override public double gradientY(double[] x, double[] y, double[] o) { o[0] = y[0] - a1; o[1] = y[1] - a2; return value(x, y); }
            @Override public void gradientX(double[] x, double[] y, double[] o) { o[0] = 0; }
        };
        return BilevelProblem.of(f, g, new double[] {0}, new double[] {0, 0});
    }

    /** Gaussian elimination that reports nothing about the operator (no inertia, no curvature). */
    static final LinearSolver GAUSS = new LinearSolver() {
        @Override
        public LinearSolveResult solve(LinearOperator a, double[] b, double[] x) {
            double[] z = QuadraticBilevel.solve(TestSolvers.dense(a, b.length), b);
            System.arraycopy(z, 0, x, 0, z.length);
            return new LinearSolveResult(LinearSolveStatus.CONVERGED, 0, 1, b.length, false, null);
        }
    };

    @Test
    void indefiniteLowerHessianIsFlagged() {
        // at y = 0 (zero inner steps), ∇_y f = −a
        BilevelProblem p = indefinite(0.5, 1.0);
        Hypergradient direct = ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, GradientStep.fixed(0.1),
                new double[] {0}, new double[] {0, 0}, InnerSchedule.steps(0));
        assertEquals(HypergradientStatus.INDEFINITE_HESSIAN, direct.status());
        assertArrayEquals(new int[] {1, 1, 0}, direct.diagnostics().inertia());
        Hypergradient cg = ImplicitDifferentiation.with(TestSolvers.cg(1e-12, 10)).estimate(p, GradientStep.fixed(0.1),
                new double[] {0}, new double[] {0, 0}, InnerSchedule.steps(0));
        assertEquals(HypergradientStatus.INDEFINITE_HESSIAN, cg.status(), cg.toString());
        // a solver that says nothing: the free test vᵀ∇_y f = bᵀH⁻¹b = 0.25 − 1 < 0 catches it
        Hypergradient gauss = ImplicitDifferentiation.with(GAUSS).estimate(p, GradientStep.fixed(0.1),
                new double[] {0}, new double[] {0, 0}, InnerSchedule.steps(0));
        assertEquals(HypergradientStatus.INDEFINITE_HESSIAN, gauss.status(), gauss.toString());
        assertEquals(HessianCondition.INDEFINITE, gauss.diagnostics().hessianCondition());
    }

    // ---------------------------------------------------------------- B6

    /**
     * Heavy ball whose curvature alternates between 1 and 10 from one step to the next (state
     * {@code (y, y_prev, phase)}): each step's Jacobian is {@code M(h) = [[1 + β − αh, −β], [1, 0]]}.
     */
    static InnerAlgorithm alternatingHeavyBall(double alpha, double beta) {
        return new InnerAlgorithm() {
            @Override
            public InnerMap bind(ParametricFunction lower) {
                return new InnerMap() {
                    long steps;
                    @Override public int parameterDimension() { return 1; }
                    @Override public int variableDimension() { return 1; }
                    @Override public int stateSize() { return 3; }
                    @Override public void initialState(double[] y0, double[] s) { s[0] = y0[0]; s[1] = y0[0]; s[2] = 0; }
                    double h(double[] s) { return s[2] == 0 ? 1 : 10; }
                    @Override
                    public double step(double[] x, double[] s, double[] out) {
                        double gy = h(s) * s[0] - x[0];
                        out[0] = s[0] - alpha * gy + beta * (s[0] - s[1]);
                        out[1] = s[0];
                        out[2] = 1 - s[2];
                        steps++;
                        return Double.NaN;
                    }
                    @Override
                    public void vjp(double[] x, double[] s, double[] v, double[] out, double[] xAcc) {
                        out[0] = (1 + beta - alpha * h(s)) * v[0] + v[1];
                        out[1] = -beta * v[0];
                        out[2] = 0;
                        xAcc[0] += alpha * v[0];
                    }
                    @Override
                    public void jvp(double[] x, double[] s, double[] u, double[] w, double[] out) {
                        out[0] = (1 + beta - alpha * h(s)) * u[0] - beta * u[1] + (w == null ? 0 : alpha * w[0]);
                        out[1] = u[0];
                        out[2] = 0;
                    }
                    @Override public long gradientEvaluations() { return steps; }
                    @Override public long hessianVectorProducts() { return 0; }
                    @Override public long mixedProducts() { return 0; }
                };
            }

            @Override
            public String describe() {
                return "AlternatingHeavyBall";
            }
        };
    }

    static double productNorm(double alpha, double beta, int pairs) {
        double[][] m1 = {{1 + beta - alpha, -beta}, {1, 0}};
        double[][] m10 = {{1 + beta - 10 * alpha, -beta}, {1, 0}};
        double[][] pair = times(m10, m1);
        double[][] p = {{1, 0}, {0, 1}};
        for (int i = 0; i < pairs; i++) {
            p = times(pair, p);
        }
        // spectral norm of a 2 × 2 matrix
        double a = p[0][0], b = p[0][1], c = p[1][0], d = p[1][1];
        double s = a * a + b * b + c * c + d * d;
        double det = a * d - b * c;
        return Math.sqrt((s + Math.sqrt(s * s - 4 * det * det)) / 2);
    }

    static double[][] times(double[][] a, double[][] b) {
        return new double[][] {
            {a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]},
            {a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]}};
    }

    @Test
    void b6ProductNormsAsTabulated() {
        assertEquals(7.76e3, productNorm(0.2, 0.9, 25), 0.01e3);
        assertEquals(1.86e17, productNorm(0.395, 0.99, 25), 0.01e17);
    }

    @Test
    void b6DerivativeBlowUpIsFlagged() {
        BilevelProblem p = ReferenceProblemsTest.b2();
        double[] x = {3};
        double[] y0 = {0};
        // α = 0.395, β = 0.99: 50 steps amplify derivatives by ~1e17
        InnerAlgorithm fast = alternatingHeavyBall(0.395, 0.99);
        Hypergradient u = UnrolledDifferentiation.storeAll().estimate(p, fast, x, y0, InnerSchedule.steps(50));
        assertTrue(u.diagnostics().derivativeBlowUp(), u.toString());
        assertEquals(HypergradientStatus.DERIVATIVE_BLOW_UP, u.status());
        assertTrue(u.diagnostics().derivativeGrowth() > 1e15, u.toString());
        Hypergradient fw = ForwardDifferentiation.create().estimate(p, fast, x, y0, InnerSchedule.steps(50));
        assertEquals(HypergradientStatus.DERIVATIVE_BLOW_UP, fw.status(), fw.toString());
        // α = 0.2, β = 0.9: 7.8e3 after 50 steps is below the default factor 1e10 (B3 shows such transients
        // are legitimate), but the growth continues and is flagged after 300 steps
        InnerAlgorithm slow = alternatingHeavyBall(0.2, 0.9);
        Hypergradient u50 = UnrolledDifferentiation.storeAll().estimate(p, slow, x, y0, InnerSchedule.steps(50));
        assertFalse(u50.diagnostics().derivativeBlowUp(), u50.toString());
        assertTrue(u50.diagnostics().derivativeGrowth() > 1e3, u50.toString());
        Hypergradient u300 = UnrolledDifferentiation.storeAll().estimate(p, slow, x, y0, InnerSchedule.steps(300));
        assertTrue(u300.diagnostics().derivativeBlowUp(), u300.toString());
        // a stricter factor flags the 50-step growth too
        Hypergradient strict = UnrolledDifferentiation.storeAll().withBlowUpFactor(1e3).estimate(p, slow, x, y0,
                InnerSchedule.steps(50));
        assertTrue(strict.diagnostics().derivativeBlowUp());
        // and a solver stops on it
        BilevelResult r = DifferentiableProgramming.builder().inner(fast).innerSteps(50).build()
                .solve(p, SolveOptions.defaults());
        assertEquals(Termination.DERIVATIVE_BLOW_UP, r.termination());
    }
}
