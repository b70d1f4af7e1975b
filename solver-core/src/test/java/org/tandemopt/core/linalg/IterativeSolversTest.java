package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * CG (plain and Jacobi-preconditioned), MINRES and the Neumann series against ojAlgo's direct solution on
 * seeded systems {@code Q diag(λ) Qᵀ} with known spectra.
 *
 * <p>The error assertion is the exact bound {@code ‖v − v*‖ ≤ ‖b − A v‖ / λ_min} (with the reported true
 * residual), plus the reference's own rounding {@code ≤ 1e-13 κ ‖v*‖}; since {@code ‖b‖ ≤ λ_max ‖v*‖} it
 * implies the relative error {@code ≤ rtol · κ}.
 */
class IterativeSolversTest {

    static final int[] DIMS = {1, 2, 3, 5, 8, 17, 33, 64, 100, 200};
    static final double[] KAPPAS = {1, 1e2, 1e4, 1e6};

    /**
     * Iteration budget of these tests. Log-spaced spectra are the hard case of Krylov methods in floating
     * point: measured, CG needs 3270 iterations (16 d) at d = 200, κ = 1e6 and MINRES 3286 (22 d) on the
     * indefinite d = 150, κ = 1e4 system, beyond the default 10 d.
     */
    static int budget(int d) {
        return 50 * d;
    }

    /** Relative tolerance the solvers are asked for: attainable accuracy is about ε κ. */
    static double rtol(double kappa) {
        return Math.max(1e-10, 1e-14 * kappa);
    }

    static Stream<Arguments> spdSystems() {
        List<Arguments> list = new ArrayList<>();
        for (int d : DIMS) {
            for (double kappa : KAPPAS) {
                list.add(Arguments.of(d, kappa));
            }
        }
        return list.stream();
    }

    record Problem(DenseMatrix a, double[] b, double[] reference, double lambdaMin, double lambdaMax) { }

    static Problem spd(int d, double kappa) {
        SplittableRandom rng = new SplittableRandom(1000L * d + Math.round(Math.log10(kappa)));
        double lambdaMax = 3.5;
        double[] lambda = TestSystems.logSpaced(d, lambdaMax, kappa);
        DenseMatrix a = TestSystems.withSpectrum(lambda, rng);
        double[] b = TestSystems.gaussian(d, rng);
        return new Problem(a, b, TestSystems.referenceSolve(a, b), lambdaMax / kappa, lambdaMax);
    }

    /** Asserts the converged result of a solve from a cold start against the reference. */
    static void assertSolved(String what, Problem p, double kappa, double rtol, LinearSolveResult r, double[] v,
                             int applications) {
        assertSolved(what, p, kappa, rtol, r, v, applications, budget(p.b.length));
    }

    static void assertSolved(String what, Problem p, double kappa, double rtol, LinearSolveResult r, double[] v,
                             int applications, int maxIterations) {
        double threshold = rtol * TestSystems.norm(p.b);
        assertEquals(LinearSolveStatus.CONVERGED, r.status(), what + " status, " + r);
        assertTrue(r.converged());
        double trueResidual = TestSystems.residualNorm(p.a, p.b, v);
        assertEquals(trueResidual, r.residualNorm(), TestSystems.residualSlack(p.a, p.b, v),
                what + ": reported residual is the true residual");
        assertTrue(trueResidual <= threshold, what + ": residual " + trueResidual + " > " + threshold);
        double error = TestSystems.distance(v, p.reference);
        double bound = trueResidual / p.lambdaMin * (1 + 1e-8) + 1e-13 * kappa * TestSystems.norm(p.reference);
        assertTrue(error <= bound, what + ": error " + error + " > bound " + bound);
        assertTrue(error <= (rtol * kappa + 1e-13 * kappa) * TestSystems.norm(p.reference) * (1 + 1e-8),
                what + ": relative error beyond rtol · κ");
        assertEquals(applications, r.operatorApplications(), what + ": operator applications");
        assertTrue(r.iterations() >= 1 && r.iterations() <= maxIterations, what + ": iterations " + r.iterations());
        assertTrue(r.operatorApplications() >= r.iterations(), what + ": applications >= iterations");
        assertEquals(null, r.inertia());
    }

    @ParameterizedTest(name = "CG d={0} kappa={1}")
    @MethodSource("spdSystems")
    void conjugateGradientSolvesSpdSystems(int d, double kappa) {
        Problem p = spd(d, kappa);
        double rtol = rtol(kappa);
        ConjugateGradient cg = ConjugateGradient.builder().relativeTolerance(rtol).maxIterations(budget(d)).build();
        TestSystems.Counting op = new TestSystems.Counting(p.a);
        double[] v = new double[d];
        LinearSolveResult r = cg.solve(op, p.b, v);
        assertSolved("CG", p, kappa, rtol, r, v, op.count);
        assertFalse(r.negativeCurvature());
    }

    @ParameterizedTest(name = "PCG d={0}")
    @MethodSource("dims")
    void jacobiPreconditionedCgSolvesBadlyScaledSystems(int d) {
        // A = D A0 D with A0 = Q diag(λ) Qᵀ, κ(A0) = 10, and D = diag(10^{±1.5}). Jacobi preconditioning undoes
        // D exactly: M^{-1/2} A M^{-1/2} = diag(A0)^{-1/2} A0 diag(A0)^{-1/2}, whatever D is.
        Problem base = spd(d, 10);
        SplittableRandom rng = new SplittableRandom(7L * d);
        double[] s = new double[d];
        double[] scaled = new double[d * d];
        for (int i = 0; i < d; i++) {
            s[i] = Math.pow(10, rng.nextDouble(-1.5, 1.5));
        }
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                scaled[i * d + j] = s[i] * base.a.get(i, j) * s[j];
            }
        }
        DenseMatrix a = DenseMatrix.of(d, d, scaled);
        double[] b = base.b;
        double[] reference = TestSystems.referenceSolve(a, b);
        ConjugateGradient pcg = ConjugateGradient.builder().relativeTolerance(1e-10)
                .preconditioner(Preconditioners.jacobi(a)).build();
        assertTrue(pcg.isPreconditioned());
        double[] v = new double[d];
        LinearSolveResult r = pcg.solve(LinearOperator.of(a), b, v);
        assertEquals(LinearSolveStatus.CONVERGED, r.status(), r.toString());
        double trueResidual = TestSystems.residualNorm(a, b, v);
        assertTrue(trueResidual <= 1e-10 * TestSystems.norm(b), "residual " + trueResidual);
        assertEquals(trueResidual, r.residualNorm(), TestSystems.residualSlack(a, b, v));
        // ‖v − v*‖ ≤ ‖A⁻¹‖ ‖r‖ with ‖A⁻¹‖ ≤ max_i s_i⁻² / λ_min(A0)
        double invNorm = 0;
        for (double si : s) {
            invNorm = Math.max(invNorm, 1 / (si * si));
        }
        invNorm /= base.lambdaMin;
        double kappaBound = 1e6 * 10;
        assertTrue(TestSystems.distance(v, reference)
                <= trueResidual * invNorm * (1 + 1e-8) + 1e-13 * kappaBound * TestSystems.norm(reference));
        // the preconditioned iteration count is that of a κ ≤ 10-ish system, far below plain CG's
        assertTrue(r.iterations() <= 60, "PCG iterations " + r.iterations());
        if (d >= 33) {
            LinearSolveResult plain = ConjugateGradient.builder().relativeTolerance(1e-10).build()
                    .solve(LinearOperator.of(a), b, new double[d]);
            assertTrue(plain.iterations() > 2 * r.iterations(),
                    "plain CG " + plain.iterations() + " vs PCG " + r.iterations());
        }
    }

    static int[] dims() {
        return DIMS;
    }

    @ParameterizedTest(name = "MINRES d={0} kappa={1}")
    @MethodSource("spdSystems")
    void minresSolvesSpdSystems(int d, double kappa) {
        Problem p = spd(d, kappa);
        double rtol = rtol(kappa);
        Minres minres = Minres.builder().relativeTolerance(rtol).maxIterations(budget(d)).build();
        TestSystems.Counting op = new TestSystems.Counting(p.a);
        double[] v = new double[d];
        LinearSolveResult r = minres.solve(op, p.b, v);
        assertSolved("MINRES", p, kappa, rtol, r, v, op.count);
        assertFalse(r.negativeCurvature(), "an SPD matrix has no negative curvature");
    }

    static Stream<Arguments> indefiniteSystems() {
        List<Arguments> list = new ArrayList<>();
        for (int d : new int[] {2, 3, 5, 8, 17, 33, 64, 150}) {
            for (double kappa : new double[] {10, 1e4}) {
                list.add(Arguments.of(d, kappa));
            }
        }
        return list.stream();
    }

    /** Symmetric indefinite: |λ| log-spaced in [2/κ, 2], signs alternating (both signs present for d ≥ 2). */
    static Problem indefinite(int d, double kappa) {
        SplittableRandom rng = new SplittableRandom(5000L + 31L * d + Math.round(Math.log10(kappa)));
        double[] lambda = TestSystems.logSpaced(d, 2.0, kappa);
        for (int i = 0; i < d; i += 2) {
            lambda[i] = -lambda[i];
        }
        DenseMatrix a = TestSystems.withSpectrum(lambda, rng);
        double[] b = TestSystems.gaussian(d, rng);
        return new Problem(a, b, TestSystems.referenceSolve(a, b), 2.0 / kappa, 2.0);
    }

    @ParameterizedTest(name = "MINRES indefinite d={0} kappa={1}")
    @MethodSource("indefiniteSystems")
    void minresSolvesSymmetricIndefiniteSystems(int d, double kappa) {
        Problem p = indefinite(d, kappa);
        double rtol = rtol(kappa);
        TestSystems.Counting op = new TestSystems.Counting(p.a);
        double[] v = new double[d];
        LinearSolveResult r = Minres.builder().relativeTolerance(rtol).maxIterations(budget(d)).build().solve(op, p.b, v);
        // for symmetric A, ‖A⁻¹‖ = 1 / min |λ|, which is lambdaMin here
        assertSolved("MINRES", p, kappa, rtol, r, v, op.count);
        assertTrue(r.negativeCurvature(), "the Lanczos pivots certify that A is indefinite");
    }

    @ParameterizedTest(name = "LU indefinite d={0} kappa={1}")
    @MethodSource("indefiniteSystems")
    void denseLuSolvesSymmetricIndefiniteSystems(int d, double kappa) {
        Problem p = indefinite(d, kappa);
        double[] v = new double[d];
        LinearSolveResult r = DenseLU.defaults().solve(LinearOperator.of(p.a), p.b, v);
        assertEquals(LinearSolveStatus.CONVERGED, r.status());
        assertEquals(1, r.iterations());
        assertEquals(0, r.operatorApplications(), "a MatrixOperator is read, not applied");
        double res = TestSystems.residualNorm(p.a, p.b, v);
        double slack = TestSystems.residualSlack(p.a, p.b, v);
        assertEquals(res, r.residualNorm(), slack);
        assertTrue(res <= 10 * slack, "backward stable: residual " + res + " vs rounding level " + slack);
        assertTrue(TestSystems.distance(v, p.reference) <= 1e-13 * kappa * TestSystems.norm(p.reference));
    }

    @Test
    void cgStopsOnNegativeCurvatureBeforeTheFirstStep() {
        // pᵀAp = 1 − 2 < 0 along p_0 = b: nothing is taken, the start is returned
        DenseMatrix a = DenseMatrix.of(new double[][] {{1, 0}, {0, -2}});
        double[] v = new double[2];
        LinearSolveResult r = ConjugateGradient.defaults().solve(LinearOperator.of(a), new double[] {1, 1}, v);
        assertEquals(LinearSolveStatus.NEGATIVE_CURVATURE, r.status());
        assertTrue(r.negativeCurvature());
        assertEquals(0, r.iterations());
        assertArrayEquals(new double[] {0, 0}, v);
        assertEquals(Math.sqrt(2), r.residualNorm(), 1e-15);
    }

    @ParameterizedTest(name = "CG indefinite d={0} kappa={1}")
    @MethodSource("indefiniteSystems")
    void cgReportsNegativeCurvatureAndReturnsTheIterateBeforeTheBadStep(int d, double kappa) {
        Problem p = indefinite(d, kappa);
        double[] v = new double[d];
        LinearSolveResult r = ConjugateGradient.defaults().solve(LinearOperator.of(p.a), p.b, v);
        assertEquals(LinearSolveStatus.NEGATIVE_CURVATURE, r.status(), r.toString());
        assertTrue(r.negativeCurvature());
        assertEquals(TestSystems.residualNorm(p.a, p.b, v), r.residualNorm(), 1e-12 * TestSystems.norm(p.b));
        // The same solve with the budget cut at the reported iteration count stops at the same iterate.
        double[] w = new double[d];
        if (r.iterations() > 0) {
            LinearSolveResult cut = ConjugateGradient.builder().maxIterations(r.iterations()).build()
                    .solve(LinearOperator.of(p.a), p.b, w);
            assertEquals(LinearSolveStatus.MAX_ITERATIONS, cut.status());
            assertFalse(cut.negativeCurvature());
        }
        assertArrayEquals(w, v, 0.0, "the iterate before the step with pᵀAp ≤ 0");
    }

    @Test
    void warmStartFromTheExactSolutionTakesNoIteration() {
        Problem p = spd(40, 100);
        Problem q = indefinite(40, 100);
        List<LinearSolver> spdSolvers = List.of(ConjugateGradient.defaults(), Minres.defaults(),
                NeumannSeries.of(1 / 3.5, 1000));
        for (LinearSolver solver : spdSolvers) {
            TestSystems.Counting op = new TestSystems.Counting(p.a);
            double[] v = p.reference.clone();
            LinearSolveResult r = solver.solve(op, p.b, v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status(), solver.toString());
            assertEquals(0, r.iterations(), solver.toString());
            assertEquals(1, r.operatorApplications(), solver + ": only the initial residual");
            assertEquals(1, op.count);
            assertArrayEquals(p.reference, v, 0.0, "the warm start is returned untouched");
            assertEquals(TestSystems.residualNorm(p.a, p.b, v), r.residualNorm(), 1e-14);
        }
        double[] v = q.reference.clone();
        LinearSolveResult r = Minres.defaults().solve(LinearOperator.of(q.a), q.b, v);
        assertEquals(0, r.iterations());
        assertEquals(LinearSolveStatus.CONVERGED, r.status());
    }

    @Test
    void warmStartNearTheSolutionSavesIterations() {
        Problem p = spd(100, 1e4);
        SplittableRandom rng = new SplittableRandom(3);
        double[] near = p.reference.clone();
        for (int i = 0; i < near.length; i++) {
            near[i] += 1e-6 * rng.nextGaussian();
        }
        for (LinearSolver solver : List.<LinearSolver>of(ConjugateGradient.defaults(), Minres.defaults())) {
            LinearSolveResult cold = solver.solve(LinearOperator.of(p.a), p.b, new double[100]);
            double[] v = near.clone();
            LinearSolveResult warm = solver.solve(LinearOperator.of(p.a), p.b, v);
            assertEquals(LinearSolveStatus.CONVERGED, warm.status());
            assertTrue(warm.iterations() < cold.iterations(),
                    solver + ": warm " + warm.iterations() + " vs cold " + cold.iterations());
        }
    }

    @Test
    void budgetExhaustionIsReportedWithTheTrueResidual() {
        Problem p = spd(64, 1e4);
        for (LinearSolver solver : List.<LinearSolver>of(ConjugateGradient.builder().maxIterations(5).build(),
                Minres.builder().maxIterations(5).build())) {
            double[] v = new double[64];
            TestSystems.Counting op = new TestSystems.Counting(p.a);
            LinearSolveResult r = solver.solve(op, p.b, v);
            assertEquals(LinearSolveStatus.MAX_ITERATIONS, r.status());
            assertFalse(r.converged());
            assertEquals(5, r.iterations());
            assertEquals(6, op.count, "five steps and one true residual");
            assertEquals(op.count, r.operatorApplications());
            assertEquals(TestSystems.residualNorm(p.a, p.b, v), r.residualNorm(), 1e-12);
        }
    }

    @Test
    void minresResidualsDecreaseMonotonically() {
        Problem p = indefinite(60, 1e3);
        double previous = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= 60; k++) {
            double[] v = new double[60];
            LinearSolveResult r = Minres.builder().maxIterations(k).build().solve(LinearOperator.of(p.a), p.b, v);
            assertTrue(r.residualNorm() <= previous * (1 + 1e-12), "k=" + k);
            previous = r.residualNorm();
        }
    }

    @Test
    void aZeroRightHandSideGivesZeroAtOnce() {
        Problem p = spd(20, 100);
        for (LinearSolver solver : List.<LinearSolver>of(ConjugateGradient.defaults(), Minres.defaults(),
                NeumannSeries.of(0.1, 50))) {
            double[] v = TestSystems.gaussian(20, new SplittableRandom(1));
            TestSystems.Counting op = new TestSystems.Counting(p.a);
            LinearSolveResult r = solver.solve(op, new double[20], v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status());
            assertEquals(0, r.iterations());
            assertEquals(0, op.count);
            assertEquals(0.0, r.residualNorm());
            assertArrayEquals(new double[20], v, 0.0);
        }
    }

    @Test
    void absoluteToleranceStopsEarlier() {
        Problem p = spd(50, 1e4);
        DoubleFunction<LinearSolveResult> run = atol -> ConjugateGradient.builder().relativeTolerance(1e-14)
                .absoluteTolerance(atol).maxIterations(10_000).build().solve(LinearOperator.of(p.a), p.b, new double[50]);
        LinearSolveResult loose = run.apply(1e-3);
        assertEquals(LinearSolveStatus.CONVERGED, loose.status());
        assertTrue(loose.residualNorm() <= 1e-3);
        LinearSolveResult tight = run.apply(1e-9);
        assertTrue(loose.iterations() < tight.iterations());
    }
}
