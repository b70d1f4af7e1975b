package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link NeumannSeries}: the truncated series itself, convergence for α < 2/λ_max, divergence beyond. */
class NeumannSeriesTest {

    static final double LAMBDA_MAX = 4.0;

    static IterativeSolversTest.Problem problem(int d, double kappa) {
        SplittableRandom rng = new SplittableRandom(300L + d);
        double[] lambda = TestSystems.logSpaced(d, LAMBDA_MAX, kappa);
        DenseMatrix a = TestSystems.withSpectrum(lambda, rng);
        double[] b = TestSystems.gaussian(d, rng);
        return new IterativeSolversTest.Problem(a, b, TestSystems.referenceSolve(a, b), LAMBDA_MAX / kappa, LAMBDA_MAX);
    }

    @ParameterizedTest(name = "K={0}")
    @ValueSource(ints = {1, 2, 3, 7, 25})
    void kTermsAreTheTruncatedSeries(int terms) {
        IterativeSolversTest.Problem p = problem(9, 20);
        double alpha = 0.7 / LAMBDA_MAX;
        // naive: v = α Σ_{k<K} (I − αA)^k b
        int d = 9;
        double[] term = p.b().clone();
        double[] expected = new double[d];
        double[] at = new double[d];
        for (int k = 0; k < terms; k++) {
            for (int i = 0; i < d; i++) {
                expected[i] += alpha * term[i];
            }
            p.a().multiply(term, at);
            for (int i = 0; i < d; i++) {
                term[i] -= alpha * at[i];
            }
        }
        NeumannSeries series = NeumannSeries.builder(alpha, terms).relativeTolerance(1e-300).build();
        TestSystems.Counting op = new TestSystems.Counting(p.a());
        double[] v = new double[d];
        LinearSolveResult r = series.solve(op, p.b(), v);
        assertEquals(LinearSolveStatus.MAX_ITERATIONS, r.status());
        assertEquals(terms, r.iterations());
        assertEquals(terms + 1, op.count, "one application per term and one true residual");
        assertEquals(op.count, r.operatorApplications());
        assertArrayEquals(expected, v, 1e-13 * TestSystems.norm(expected));
        assertEquals(TestSystems.residualNorm(p.a(), p.b(), v), r.residualNorm(), TestSystems.residualSlack(p.a(), p.b(), v));
    }

    @ParameterizedTest(name = "alpha={0}/lambda_max")
    @ValueSource(doubles = {0.5, 1.0, 1.5, 1.9})
    void convergesForAlphaBelowTwoOverLambdaMax(double scaledAlpha) {
        int d = 40;
        IterativeSolversTest.Problem p = problem(d, 10);
        double alpha = scaledAlpha / LAMBDA_MAX;
        double rho = Math.max(Math.abs(1 - alpha * p.lambdaMin()), Math.abs(1 - alpha * LAMBDA_MAX));
        int needed = (int) Math.ceil(Math.log(1e-10) / Math.log(rho));
        double[] v = new double[d];
        LinearSolveResult r = NeumannSeries.of(alpha, 20 * needed).solve(LinearOperator.of(p.a()), p.b(), v);
        assertEquals(LinearSolveStatus.CONVERGED, r.status(), r.toString());
        double res = TestSystems.residualNorm(p.a(), p.b(), v);
        assertTrue(res <= 1e-10 * TestSystems.norm(p.b()));
        assertEquals(res, r.residualNorm(), TestSystems.residualSlack(p.a(), p.b(), v));
        // the residual contracts at least by ρ per term: r_K = (I − αA)^K b
        assertTrue(r.iterations() <= needed, "iterations " + r.iterations() + " > predicted " + needed);
        assertTrue(TestSystems.distance(v, p.reference()) <= res / p.lambdaMin() * (1 + 1e-8)
                + 1e-13 * TestSystems.norm(p.reference()));
        assertEquals(alpha, NeumannSeries.of(alpha, 3).alpha());
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> spdSystems() {
        java.util.List<org.junit.jupiter.params.provider.Arguments> list = new java.util.ArrayList<>();
        for (int d : IterativeSolversTest.DIMS) {
            for (double kappa : new double[] {1, 10, 100}) {
                list.add(org.junit.jupiter.params.provider.Arguments.of(d, kappa));
            }
        }
        return list.stream();
    }

    /**
     * Against the reference on the dimensions of the other solvers; condition numbers stop at 100 because the
     * series needs about {@code κ ln(1/rtol)} terms with {@code α = 1/λ_max} (2.3e7 for κ = 1e6).
     */
    @ParameterizedTest(name = "d={0} kappa={1}")
    @MethodSource("spdSystems")
    void solvesSpdSystemsToTheReference(int d, double kappa) {
        IterativeSolversTest.Problem p = IterativeSolversTest.spd(d, kappa);
        double alpha = 1 / p.lambdaMax();
        double rtol = 1e-10;
        TestSystems.Counting op = new TestSystems.Counting(p.a());
        double[] v = new double[d];
        int terms = (int) (30 * kappa) + 30;
        LinearSolveResult r = NeumannSeries.builder(alpha, terms).relativeTolerance(rtol).build().solve(op, p.b(), v);
        IterativeSolversTest.assertSolved("Neumann", p, kappa, rtol, r, v, op.count, terms);
        // contraction ρ = 1 − 1/κ per term: ‖r_K‖ ≤ ρ^K ‖b‖
        double rho = 1 - 1 / kappa;
        int predicted = kappa == 1 ? 1 : (int) Math.ceil(Math.log(rtol) / Math.log(rho));
        assertTrue(r.iterations() <= predicted, r.iterations() + " terms > " + predicted);
    }

    @ParameterizedTest(name = "alpha={0}/lambda_max")
    @ValueSource(doubles = {2.05, 2.2, 3.0, 10.0})
    void reportsDivergenceForAlphaAboveTwoOverLambdaMax(double scaledAlpha) {
        int d = 40;
        IterativeSolversTest.Problem p = problem(d, 10);
        double alpha = scaledAlpha / LAMBDA_MAX;
        double rho = alpha * LAMBDA_MAX - 1;
        double[] v = new double[d];
        LinearSolveResult r = NeumannSeries.of(alpha, 10_000).solve(LinearOperator.of(p.a()), p.b(), v);
        assertEquals(LinearSolveStatus.DIVERGED, r.status(), r.toString());
        assertTrue(r.residualNorm() > NeumannSeries.DEFAULT_DIVERGENCE_FACTOR * 0.99 * minimumOver(p, alpha, r.iterations()),
                "the residual grew by the divergence factor");
        // growth ρ per term once the top eigencomponent dominates: detection within a predictable number of terms
        int bound = (int) Math.ceil(Math.log(1e4 * NeumannSeries.DEFAULT_DIVERGENCE_FACTOR) / Math.log(rho)) + 40;
        assertTrue(r.iterations() <= bound, "iterations " + r.iterations() + " > " + bound);
        assertEquals(TestSystems.residualNorm(p.a(), p.b(), v), r.residualNorm(), TestSystems.residualSlack(p.a(), p.b(), v));
    }

    /** @return {@code min_{k ≤ K} ‖(I − αA)^k b‖}. */
    static double minimumOver(IterativeSolversTest.Problem p, double alpha, int terms) {
        int d = p.b().length;
        double[] r = p.b().clone();
        double[] ar = new double[d];
        double min = TestSystems.norm(r);
        for (int k = 0; k < terms; k++) {
            p.a().multiply(r, ar);
            for (int i = 0; i < d; i++) {
                r[i] -= alpha * ar[i];
            }
            min = Math.min(min, TestSystems.norm(r));
        }
        return min;
    }

    @Test
    void aWarmStartContinuesTheRichardsonIteration() {
        IterativeSolversTest.Problem p = problem(12, 10);
        double alpha = 1 / LAMBDA_MAX;
        double[] twelve = new double[12];
        NeumannSeries.builder(alpha, 12).relativeTolerance(1e-300).build().solve(LinearOperator.of(p.a()), p.b(), twelve);
        double[] split = new double[12];
        NeumannSeries five = NeumannSeries.builder(alpha, 5).relativeTolerance(1e-300).build();
        NeumannSeries seven = NeumannSeries.builder(alpha, 7).relativeTolerance(1e-300).build();
        five.solve(LinearOperator.of(p.a()), p.b(), split);
        seven.solve(LinearOperator.of(p.a()), p.b(), split);
        assertArrayEquals(twelve, split, 1e-13 * TestSystems.norm(twelve));
    }

    @Test
    void divergenceFactorIsConfigurable() {
        IterativeSolversTest.Problem p = problem(20, 10);
        double alpha = 2.5 / LAMBDA_MAX;
        LinearSolveResult early = NeumannSeries.builder(alpha, 10_000).divergenceFactor(2).build()
                .solve(LinearOperator.of(p.a()), p.b(), new double[20]);
        LinearSolveResult late = NeumannSeries.builder(alpha, 10_000).divergenceFactor(1e6).build()
                .solve(LinearOperator.of(p.a()), p.b(), new double[20]);
        assertEquals(LinearSolveStatus.DIVERGED, early.status());
        assertEquals(LinearSolveStatus.DIVERGED, late.status());
        assertTrue(early.iterations() < late.iterations());
    }
}
