package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.FiniteDifferences;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.ReferenceProblems.Problem;

/** What each method does, step by step, against closed forms and the theory's guarantees. */
class SmoothOptimizersTest {

    /** {@code ½ h x²} in one dimension. */
    static DifferentiableFunction parabola(double h) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return 1; }
            @Override public double value(double[] x) { return 0.5 * h * x[0] * x[0]; }
            @Override public double valueAndGradient(double[] x, double[] g) {
                g[0] = h * x[0];
                return value(x);
            }
            @Override public boolean hasHessianVector() { return true; }
            @Override public void hessianVector(double[] x, double[] v, double[] out) { out[0] = h * v[0]; }
        };
    }

    /** {@code x² − y² + y⁴/4}: a saddle at 0, minima (0, ±√2) with value −1, indefinite Hessian for |y| < √(2/3). */
    static final DifferentiableFunction DOUBLE_WELL = new DifferentiableFunction() {
        @Override public int dimension() { return 2; }
        @Override public double value(double[] z) {
            double y2 = z[1] * z[1];
            return z[0] * z[0] - y2 + 0.25 * y2 * y2;
        }
        @Override public double valueAndGradient(double[] z, double[] g) {
            g[0] = 2 * z[0];
            g[1] = -2 * z[1] + z[1] * z[1] * z[1];
            return value(z);
        }
        @Override public boolean hasHessianVector() { return true; }
        @Override public void hessianVector(double[] z, double[] v, double[] out) {
            out[0] = 2 * v[0];
            out[1] = (-2 + 3 * z[1] * z[1]) * v[1];
        }
    };

    @Test
    void heavyBallFollowsItsThreeTermRecurrence() {
        // x_{k+1} = (1 + β − αh) x_k − β x_{k−1}, x_{−1} = x_0
        double h = 2;
        double alpha = 0.3;
        double beta = 0.5;
        HeavyBall hb = HeavyBall.builder(alpha).momentum(beta).build();
        HeavyBall.State s = hb.start(parabola(h), new double[] {1});
        double prev = 1;
        double x = 1;
        for (int k = 0; k < 5; k++) {
            hb.step(parabola(h), s);
            double next = (1 + beta - alpha * h) * x - beta * prev;
            prev = x;
            x = next;
            assertEquals(x, s.point()[0], 1e-15, "iterate " + (k + 1));
        }
        assertEquals(6, s.gradientEvaluations());
    }

    @Test
    void heavyBallWithPolyakParametersBeatsItsRateBoundOnTheQuadratic() {
        Problem q = ReferenceProblems.randomQuadratic();
        OptimizationResult r = HeavyBall.forCurvature(1e3, 1).minimize(q.f(), q.start(),
                SolveOptions.builder().maxIterations(5000).gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        // rate (√κ − 1)/(√κ + 1) = 0.9387: 1e-10 from ‖∇J(0)‖ ≈ 2e2 in about log(2e12)/0.0633 ≈ 450 iterations,
        // up to the polynomial factor of the Jordan block of the tuned iteration
        assertTrue(r.iterations() <= 1000, r.toString());
        assertTrue(Vectors.distance(r.point(), q.minimiser()) <= 1e-10);
    }

    @Test
    void nesterovFollowsTheTkSequence() {
        double h = 1;
        double eta = 0.5;
        Nesterov agd = Nesterov.builder(eta).restart(false).build();
        Nesterov.State s = agd.start(parabola(h), new double[] {1});
        double t = 1;
        double x = 1;
        double prev = 1;
        for (int k = 0; k < 5; k++) {
            agd.step(parabola(h), s);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double y = x + (t - 1) / tNext * (x - prev);
            prev = x;
            x = y - eta * h * y;
            t = tNext;
            assertEquals(x, s.point()[0], 1e-15, "iterate " + (k + 1));
            assertEquals(t, s.t(), 1e-15);
        }
        // the first step has no momentum, so it reuses ∇J(x_0): 1 + 1 + 4 × 2 gradients
        assertEquals(10, s.gradientEvaluations());
    }

    @Test
    void nesterovRestartRemovesTheOscillationsOnTheQuadratic() {
        Problem q = ReferenceProblems.randomQuadratic();
        SolveOptions options = SolveOptions.builder().maxIterations(20_000).gradientTolerance(1e-10).build();
        OptimizationResult plain = Nesterov.builder(1e-3).restart(false).build().minimize(q.f(), q.start(), options);
        OptimizationResult restarted = Nesterov.builder(1e-3).build().minimize(q.f(), q.start(),
                options.withTrace(true));
        // without restart the momentum tends to 1 and the iterates oscillate: measured ‖∇J‖ = 4.0e-9 after 20 000
        assertEquals(Termination.MAX_ITERATIONS, plain.termination(), plain.toString());
        assertTrue(plain.gradientNorm() > 1e-9, plain.toString());
        assertEquals(Termination.CONVERGED_GRADIENT, restarted.termination(), restarted.toString());
        assertTrue(restarted.iterations() < 2_000, restarted.toString());
        assertTrue(restarted.trace().last().extra("restarts") >= 1);
        assertTrue(Vectors.distance(restarted.point(), q.minimiser()) <= 1e-10);
    }

    @Test
    void lbfgsKeepsAtMostMPairsAndIsFasterThanGradientDescent() {
        Problem q = ReferenceProblems.randomQuadratic();
        LBFGS lbfgs = LBFGS.builder().memory(5).build();
        DescentMethod.State<LBFGS.Memory> s = lbfgs.start(q.f(), q.start());
        for (int k = 0; k < 12; k++) {
            lbfgs.step(q.f(), s);
        }
        assertEquals(5, s.memory().pairs());
        assertEquals(0, s.memory().skippedPairs());
        assertTrue(s.memory().gamma() >= 1e-3 && s.memory().gamma() <= 1, "γ is an inverse Rayleigh quotient");
        OptimizationResult r = LBFGS.defaults().minimize(q.f(), q.start(),
                SolveOptions.builder().gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        // measured 381 iterations (399 gradients): with the inexact Wolfe steps (c₂ = 0.9) L-BFGS loses the
        // conjugacy it would have with exact line searches; gradient descent needs ~2.8e4 (κ ln(1/ε))
        assertTrue(r.iterations() <= 500, r.toString());
    }

    @Test
    void lbfgsSkipsPairsWithoutPositiveCurvature() {
        // Armijo does not enforce the curvature condition; in the concave region of the double well sᵀy < 0
        LBFGS lbfgs = LBFGS.builder().stepRule(ArmijoBacktracking.defaults()).build();
        // from (0.001, 0.05) the unit step along −g goes to (−0.001, 0.1499), mostly along y where the curvature
        // is about −2: sᵀy = 8e-6 − 0.0196 < 0, and the pair is skipped
        DescentMethod.State<LBFGS.Memory> s = lbfgs.start(DOUBLE_WELL, new double[] {0.001, 0.05});
        lbfgs.step(DOUBLE_WELL, s);
        assertEquals(1, s.memory().skippedPairs());
        assertEquals(0, s.memory().pairs());
        OptimizationResult r = lbfgs.minimize(DOUBLE_WELL, new double[] {0.001, 0.05},
                SolveOptions.builder().gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(-1, r.value(), 1e-15);
        assertEquals(Math.sqrt(2), Math.abs(r.point()[1]), 1e-9);
    }

    @Test
    void newtonSolvesAQuadraticInOneStep() {
        Problem q = ReferenceProblems.randomQuadratic();
        OptimizationResult r = Newton.defaults().minimize(q.f(), q.start(),
                SolveOptions.builder().gradientTolerance(1e-9).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(1, r.iterations());
        assertEquals(50, r.secondOrderEvaluations(), "one Hessian = 50 Hessian-vector products");
        assertTrue(Vectors.distance(r.point(), q.minimiser()) <= 1e-11);
    }

    @Test
    void newtonConvergesQuadraticallyOnTheLogisticProblem() {
        Problem p = ReferenceProblems.logistic();
        OptimizationResult r = Newton.defaults().minimize(p.f(), p.start(),
                SolveOptions.builder().gradientTolerance(1e-12).trace(true).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertTrue(r.iterations() <= 10, r.toString());
        double[] gn = r.trace().gradientNorms();
        // once close, ‖g_{k+1}‖ ≤ C ‖g_k‖²: the last ratio is bounded while ‖g_k‖ shrinks by orders of magnitude
        int k = gn.length - 2;
        assertTrue(gn[k + 1] <= 100 * gn[k] * gn[k], "g_k = " + gn[k] + ", g_{k+1} = " + gn[k + 1]);
        assertTrue(gn[k + 1] <= 1e-3 * gn[k]);
    }

    @Test
    void newtonShiftsAnIndefiniteHessianAndDescends() {
        Newton newton = Newton.defaults();
        DescentMethod.State<Newton.Work> s = newton.start(DOUBLE_WELL, new double[] {1, 0.5});
        double before = s.value();
        newton.step(DOUBLE_WELL, s);
        // H = diag(2, −1.25): τ = β − min H_ii = 1e-3·2 + 1.25 makes H + τI positive definite at the first try
        assertEquals(2e-3 + 1.25, s.memory().lastShift(), 1e-15);
        assertTrue(s.value() < before);
        OptimizationResult r = newton.minimize(DOUBLE_WELL, new double[] {1, 0.5},
                SolveOptions.builder().gradientTolerance(1e-12).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(0, r.point()[0], 1e-12);
        assertEquals(Math.sqrt(2), r.point()[1], 1e-12);
        assertEquals(-1, r.value(), 1e-15);
    }

    @Test
    void newtonWorksOnAnExplicitFiniteDifferenceHessian() {
        Problem rb = ReferenceProblems.rosenbrock(2);
        DifferentiableFunction gradientOnly = new DifferentiableFunction() {
            @Override public int dimension() { return 2; }
            @Override public double value(double[] x) { return rb.f().value(x); }
            @Override public double valueAndGradient(double[] x, double[] g) { return rb.f().valueAndGradient(x, g); }
        };
        OptimizationResult r = Newton.defaults().minimize(FiniteDifferences.withHessianVector(gradientOnly),
                rb.start(), SolveOptions.builder().gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertTrue(Vectors.distance(r.point(), rb.minimiser()) <= 1e-9);
    }

    @Test
    void newtonCgTakesTheSteepestDescentDirectionOnImmediateNegativeCurvature() {
        NewtonCG ncg = NewtonCG.defaults();
        // at (0.01, 0.5): g = (0.02, −0.875), H = diag(2, −1.25), (−g)ᵀH(−g) = 8e-4 − 0.957 < 0
        DescentMethod.State<NewtonCG.Work> s = ncg.start(DOUBLE_WELL, new double[] {0.01, 0.5});
        ncg.step(DOUBLE_WELL, s);
        assertTrue(s.memory().lastStoppedOnNegativeCurvature());
        assertEquals(0, s.memory().lastInnerIterations());
        assertEquals(1, s.secondOrderEvaluations());
        // the step was along −g = (−0.02, 0.875) with the unit trial accepted: (−0.01, 1.375)
        assertEquals(-0.01, s.point()[0], 1e-15);
        assertEquals(1.375, s.point()[1], 1e-15);
    }

    @Test
    void newtonCgMeetsItsForcingTolerance() {
        Problem q = ReferenceProblems.randomQuadratic();
        NewtonCG ncg = NewtonCG.defaults();
        DescentMethod.State<NewtonCG.Work> s = ncg.start(q.f(), q.start());
        double[] g = s.gradient().clone();
        double[] x0 = s.point().clone();
        ncg.step(q.f(), s);
        assertTrue(!s.memory().lastStoppedOnNegativeCurvature());
        // the unit step was accepted, so the direction is x1 − x0; its residual ‖H d + g‖ meets the forcing term
        double[] d = new double[50];
        Vectors.subtract(s.point(), x0, d);
        double[] hd = new double[50];
        q.f().hessianVector(x0, d, hd);
        Vectors.axpy(1, g, hd);
        double gNorm = Vectors.norm2(g);
        assertTrue(Vectors.norm2(hd) <= Math.min(0.5, Math.sqrt(gNorm)) * gNorm,
                "residual " + Vectors.norm2(hd) + " vs " + 0.5 * gNorm);
        assertTrue(s.memory().lastInnerIterations() >= 1 && s.memory().lastInnerIterations() <= 100);
        assertEquals(s.memory().lastInnerIterations(), s.secondOrderEvaluations());
    }
}
