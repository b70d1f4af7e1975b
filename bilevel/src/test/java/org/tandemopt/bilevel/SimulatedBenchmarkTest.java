package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.Nesterov;
import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.monitor.Criteria;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * The quadratic generator of benchopt's bilevel benchmark ("simulated": lower Hessian spectrum log-spaced in
 * [μ, L], exact y* and ∇φ): SSMS and AID drive the exact ‖∇φ‖² below 1e-12.
 */
class SimulatedBenchmarkTest {

    /** The Hessian of φ: Q + E J + Jᵀ Eᵀ + Jᵀ P J with J = ∂y*(x)/∂x = −H⁻¹ Cᵀ; returns its dense form. */
    static double[][] valueHessian(QuadraticBilevel q) {
        int n = q.n;
        int m = q.m;
        double[][] jac = new double[m][n];
        for (int j = 0; j < n; j++) {
            double[] col = new double[m];
            for (int i = 0; i < m; i++) {
                col[i] = -q.c[j][i];
            }
            double[] z = QuadraticBilevel.solve(q.h, col);
            for (int i = 0; i < m; i++) {
                jac[i][j] = z[i];
            }
        }
        double[][] hess = new double[n][n];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                double s = q.q[a][b];
                for (int i = 0; i < m; i++) {
                    s += q.e[a][i] * jac[i][b] + q.e[b][i] * jac[i][a];
                    for (int k = 0; k < m; k++) {
                        s += jac[i][a] * q.p[i][k] * jac[k][b];
                    }
                }
                hess[a][b] = s;
            }
        }
        return hess;
    }

    static double largestEigenvalue(double[][] a) {
        int n = a.length;
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1 / Math.sqrt(n));
        double lambda = 0;
        double[] w = new double[n];
        for (int it = 0; it < 2000; it++) {
            QuadraticBilevel.mul(a, v, w);
            double nrm = Math.sqrt(QuadraticBilevel.dot(w, w));
            for (int i = 0; i < n; i++) {
                v[i] = w[i] / nrm;
            }
            lambda = nrm;
        }
        return lambda;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2442, 7})
    void ssmsAndAidReachTheExactStationaryPoint(long seed) {
        int n = 5;
        int m = 5;
        QuadraticBilevel q = QuadraticBilevel.simulated(n, m, 0.1, 1.0, 1.0, 1.0, 0.1, seed);
        double[][] hess = valueHessian(q);
        // φ is strongly convex on these data (its Hessian is positive definite): the stationary point is unique
        int[] inertia = TestSolvers.ldlt().solve(LinearOperator.of(org.tandemopt.core.linalg.DenseMatrix.of(hess)),
                new double[n], new double[n]).inertia();
        assertEquals(n, inertia[0], "inertia of the Hessian of φ");
        double lPhi = largestEigenvalue(hess);
        BilevelProblem p = q.problem(new double[n], new double[m]);
        SolveOptions options = SolveOptions.builder().maxIterations(20_000)
                .convergence(Criteria.gradientNorm(1e-7)).build();

        BilevelResult ssms = SingleStepMultiStep.builder().inner(GradientStep.fixed(1.0)).innerSteps(10)
                .estimator(ImplicitDifferentiation.with(TestSolvers.coreCg(1e-12, 50)))
                .stepRule(new ConstantStep(1 / lPhi)).build().solve(p, options);
        assertTrue(ssms.termination().isConverged(), ssms.toString());
        double[] g = q.hypergradient(ssms.x());
        double g2 = QuadraticBilevel.dot(g, g);
        assertTrue(g2 < 1e-12, "SSMS: exact ‖∇φ‖² = " + g2);

        BilevelResult ssmsDefault = SingleStepMultiStep.builder().inner(GradientStep.fixed(1.0))
                .stepRule(new ConstantStep(1 / lPhi)).build().solve(p, options);
        g = q.hypergradient(ssmsDefault.x());
        g2 = QuadraticBilevel.dot(g, g);
        assertTrue(g2 < 1e-12, "SSMS with warm forward mode: exact ‖∇φ‖² = " + g2 + " " + ssmsDefault);

        BilevelResult aid = ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-12, 50)).innerTolerance(1e-10)
                .stepRule(new ConstantStep(1 / lPhi)).build().solve(p, options);
        assertTrue(aid.termination().isConverged(), aid.toString());
        g = q.hypergradient(aid.x());
        g2 = QuadraticBilevel.dot(g, g);
        assertTrue(g2 < 1e-12, "AID: exact ‖∇φ‖² = " + g2);
        // the same with Nesterov as the inner solver (its step does not report the residual: the loop computes it)
        BilevelResult aidNesterov = ApproximateImplicitGradient.builder(TestSolvers.coreCg(1e-12, 50))
                .inner(Nesterov.tuned(0.1, 1.0)).innerTolerance(1e-10).stepRule(new ConstantStep(1 / lPhi)).build()
                .solve(p, options);
        assertTrue(aidNesterov.termination().isConverged(), aidNesterov.toString());
        g = q.hypergradient(aidNesterov.x());
        assertTrue(QuadraticBilevel.dot(g, g) < 1e-12, "AID with Nesterov: exact ‖∇φ‖² = " + QuadraticBilevel.dot(g, g));
        // the inner point AID returns is y*(x) to its tolerance
        double[] ys = q.yStar(aid.x());
        double[] y = aid.y();
        double d = 0;
        for (int i = 0; i < m; i++) {
            d += (ys[i] - y[i]) * (ys[i] - y[i]);
        }
        assertTrue(Math.sqrt(d) <= 1e-10 / 0.1 * 1.01, "‖y − y*‖ = " + Math.sqrt(d));
    }
}
