package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link DenseCholesky} and {@link DenseLU}: solutions, inertia, singularity, assembly from an operator. */
class DirectSolversTest {

    static Stream<Arguments> spdSystems() {
        List<Arguments> list = new ArrayList<>();
        for (int d : IterativeSolversTest.DIMS) {
            for (double kappa : IterativeSolversTest.KAPPAS) {
                list.add(Arguments.of(d, kappa));
            }
        }
        return list.stream();
    }

    @ParameterizedTest(name = "Cholesky and LU d={0} kappa={1}")
    @MethodSource("spdSystems")
    void choleskyAndLuMatchTheReferenceOnSpdSystems(int d, double kappa) {
        IterativeSolversTest.Problem p = IterativeSolversTest.spd(d, kappa);
        for (LinearSolver solver : List.<LinearSolver>of(DenseCholesky.defaults(), DenseLU.defaults())) {
            double[] v = new double[d];
            LinearSolveResult r = solver.solve(LinearOperator.of(p.a()), p.b(), v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status(), solver.toString());
            assertEquals(1, r.iterations());
            assertEquals(0, r.operatorApplications());
            assertFalse(r.negativeCurvature());
            double res = TestSystems.residualNorm(p.a(), p.b(), v);
            double slack = TestSystems.residualSlack(p.a(), p.b(), v);
            assertEquals(res, r.residualNorm(), slack);
            assertTrue(res <= 10 * slack, solver + ": backward stable, residual " + res + " vs " + slack);
            double error = TestSystems.distance(v, p.reference());
            assertTrue(error <= res / p.lambdaMin() * (1 + 1e-8) + 1e-13 * kappa * TestSystems.norm(p.reference()),
                    solver + ": error " + error);
            if (solver instanceof DenseCholesky) {
                assertArrayEquals(new int[] {d, 0, 0}, r.inertia());
            } else {
                assertNull(r.inertia());
            }
        }
    }

    @Test
    void anOperatorIsAssembledFromUnitVectorsAndGivesTheSameAnswer() {
        IterativeSolversTest.Problem p = IterativeSolversTest.spd(37, 1e3);
        for (LinearSolver solver : List.<LinearSolver>of(DenseCholesky.defaults(), DenseLU.defaults())) {
            double[] fromMatrix = new double[37];
            solver.solve(LinearOperator.of(p.a()), p.b(), fromMatrix);
            TestSystems.Counting op = new TestSystems.Counting(p.a());
            double[] fromOperator = new double[37];
            LinearSolveResult r = solver.solve(op, p.b(), fromOperator);
            assertEquals(37, op.count);
            assertEquals(37, r.operatorApplications());
            // A e_j through the kernels reproduces column j exactly, so the factorizations are identical
            assertArrayEquals(fromMatrix, fromOperator, 0.0, solver.toString());
        }
    }

    @Test
    void theWarmStartIsIgnoredByDirectSolves() {
        IterativeSolversTest.Problem p = IterativeSolversTest.spd(12, 100);
        double[] cold = new double[12];
        DenseCholesky.defaults().solve(LinearOperator.of(p.a()), p.b(), cold);
        double[] warm = TestSystems.gaussian(12, new SplittableRandom(4));
        DenseCholesky.defaults().solve(LinearOperator.of(p.a()), p.b(), warm);
        assertArrayEquals(cold, warm, 0.0);
    }

    static Stream<Arguments> spectra() {
        return Stream.of(
                Arguments.of(new double[] {5, 3, 1, 0.5, -0.2, -1, -4}, new int[] {4, 3, 0}),
                Arguments.of(new double[] {-1}, new int[] {0, 1, 0}),
                Arguments.of(new double[] {2, -1e-6}, new int[] {1, 1, 0}),
                Arguments.of(new double[] {4, 2, 1, 0, 0}, new int[] {3, 0, 2}),
                Arguments.of(new double[] {4, -2, 1, 0, 3, -7}, new int[] {3, 2, 1}),
                Arguments.of(spectrum(40, 13, 0), new int[] {27, 13, 0}),
                Arguments.of(spectrum(120, 1, 3), new int[] {116, 1, 3}),
                Arguments.of(spectrum(64, 0, 5), new int[] {59, 0, 5}));
    }

    /** {@code d} eigenvalues: {@code neg} in [−3, −0.01], {@code zero} zeros, the rest in [0.01, 3]. */
    static double[] spectrum(int d, int neg, int zero) {
        SplittableRandom rng = new SplittableRandom(11L * d + neg);
        double[] lambda = new double[d];
        for (int i = 0; i < d; i++) {
            double magnitude = Math.pow(10, rng.nextDouble(-2, Math.log10(3)));
            lambda[i] = i < neg ? -magnitude : i < neg + zero ? 0 : magnitude;
        }
        return lambda;
    }

    @ParameterizedTest(name = "inertia {1}")
    @MethodSource("spectra")
    void choleskyReportsTheInertiaOfMatricesThatAreNotPositiveDefinite(double[] lambda, int[] inertia) {
        int d = lambda.length;
        DenseMatrix a = TestSystems.withSpectrum(lambda, new SplittableRandom(99L + d));
        double[] b = TestSystems.gaussian(d, new SplittableRandom(5));
        double[] v = TestSystems.gaussian(d, new SplittableRandom(6));
        double[] start = v.clone();
        LinearSolveResult r = DenseCholesky.defaults().solve(LinearOperator.of(a), b, v);
        assertArrayEquals(inertia, r.inertia());
        assertEquals(inertia[1] > 0 ? LinearSolveStatus.NEGATIVE_CURVATURE : LinearSolveStatus.SINGULAR, r.status());
        assertEquals(inertia[1] > 0, r.negativeCurvature());
        assertArrayEquals(start, v, 0.0, "the solution array is left as it came in");
        assertEquals(TestSystems.residualNorm(a, b, v), r.residualNorm(), TestSystems.residualSlack(a, b, v));
        assertArrayEquals(inertia, DenseCholesky.defaults().inertia(a));
    }

    @Test
    void inertiaOfAPositiveDefiniteMatrix() {
        DenseMatrix a = TestSystems.withSpectrum(spectrum(30, 0, 0), new SplittableRandom(1));
        assertArrayEquals(new int[] {30, 0, 0}, DenseCholesky.defaults().inertia(a));
    }

    static Stream<Arguments> singularSystems() {
        return Stream.of(Arguments.of(2, 1), Arguments.of(5, 1), Arguments.of(17, 2), Arguments.of(64, 1),
                Arguments.of(150, 10));
    }

    @ParameterizedTest(name = "singular d={0} nullity={1}")
    @MethodSource("singularSystems")
    void singularSystemsAreReportedSingular(int d, int nullity) {
        double[] lambda = TestSystems.logSpaced(d, 2.0, 100);
        double[] indefinite = lambda.clone();
        for (int i = 0; i < nullity; i++) {
            lambda[i] = 0;
            indefinite[i] = 0;
        }
        for (int i = nullity; i < d; i += 2) {
            indefinite[i] = -indefinite[i];
        }
        DenseMatrix psd = TestSystems.withSpectrum(lambda, new SplittableRandom(d));
        DenseMatrix sym = TestSystems.withSpectrum(indefinite, new SplittableRandom(d + 1));
        double[] b = TestSystems.gaussian(d, new SplittableRandom(d + 2)); // generic: not in the range
        for (DenseMatrix a : List.of(psd, sym)) {
            double[] v = new double[d];
            LinearSolveResult lu = DenseLU.defaults().solve(LinearOperator.of(a), b, v);
            assertEquals(LinearSolveStatus.SINGULAR, lu.status(), "LU " + lu);
            assertArrayEquals(new double[d], v, 0.0);
            assertEquals(TestSystems.norm(b), lu.residualNorm(), 1e-14 * TestSystems.norm(b));
        }
        LinearSolveResult chol = DenseCholesky.defaults().solve(LinearOperator.of(psd), b, new double[d]);
        assertEquals(LinearSolveStatus.SINGULAR, chol.status(), "Cholesky " + chol);
        assertArrayEquals(new int[] {d - nullity, 0, nullity}, chol.inertia());
        // MINRES on the inconsistent system: the projected system becomes singular
        double[] v = new double[d];
        LinearSolveResult minres = Minres.builder().maxIterations(50 * d).build().solve(LinearOperator.of(sym), b, v);
        assertEquals(LinearSolveStatus.SINGULAR, minres.status(), minres.toString());
        assertEquals(TestSystems.residualNorm(sym, b, v), minres.residualNorm(), TestSystems.residualSlack(sym, b, v));
        // the returned iterate is a least-squares solution: A r ≈ 0 relative to ‖A‖ ‖r‖ (‖A‖ = 2)
        double[] r = new double[d];
        double[] ar = new double[d];
        for (int i = 0; i < d; i++) {
            r[i] = b[i];
            for (int j = 0; j < d; j++) {
                r[i] -= sym.get(i, j) * v[j];
            }
        }
        sym.multiply(r, ar);
        assertTrue(TestSystems.norm(ar) <= 1e-6 * 2 * TestSystems.norm(r), "‖A r‖ = " + TestSystems.norm(ar));
        // and its residual is the least-squares residual: the component of b in the null space
        double nullPart = Math.sqrt(Math.max(0, TestSystems.norm(b) * TestSystems.norm(b)
                - squaredRangeComponent(sym, b)));
        assertEquals(nullPart, minres.residualNorm(), 1e-6 * TestSystems.norm(b));
    }

    /** @return {@code ‖P_range b‖²}, the squared norm of the projection of {@code b} on the range of {@code a}. */
    static double squaredRangeComponent(DenseMatrix a, double[] b) {
        // the least-squares solution by ojAlgo's SVD-free route: minimum-norm solution of the normal equations
        // is avoided; instead project with an eigendecomposition of the symmetric matrix
        org.ojalgo.matrix.decomposition.Eigenvalue<Double> e = org.ojalgo.matrix.decomposition.Eigenvalue.R064
                .make(true);
        e.decompose(org.ojalgo.matrix.store.R064Store.FACTORY.copy(org.ojalgo.matrix.store.RawStore.wrap(a.toRows())));
        org.ojalgo.matrix.store.MatrixStore<Double> vectors = e.getV();
        double[] values = new double[b.length];
        e.getEigenvalues(values, java.util.Optional.empty());
        double sum = 0;
        for (int k = 0; k < b.length; k++) {
            if (Math.abs(values[k]) > 1e-10) {
                double c = 0;
                for (int i = 0; i < b.length; i++) {
                    c += vectors.doubleValue(i, k) * b[i];
                }
                sum += c * c;
            }
        }
        return sum;
    }

    static Stream<Arguments> exactlySingular() {
        List<Arguments> list = new ArrayList<>();
        for (int d : new int[] {2, 3, 4, 5, 8, 17, 33, 64, 100, 150, 200}) {
            for (int nullity = 1; nullity <= Math.min(2, d - 1); nullity++) {
                for (int seed = 0; seed < (d >= 100 ? 3 : 5); seed++) {
                    list.add(Arguments.of(d, nullity, seed));
                }
            }
        }
        return list.stream();
    }

    /**
     * {@code Q diag(0, .., λ) Qᵀ} in floating point: the Cholesky and LU pivot ratios of these matrices go up to
     * about 2e3 ε (so a pivot test alone would call many of them regular); the eigenvalue / singular value
     * decision must still report every one of them.
     */
    @ParameterizedTest(name = "exactly singular d={0} nullity={1} seed={2}")
    @MethodSource("exactlySingular")
    void everyExactlySingularMatrixIsCaught(int d, int nullity, int seed) {
        double[] lambda = TestSystems.logSpaced(d, 2.0, 100);
        for (int i = 0; i < nullity; i++) {
            lambda[i] = 0;
        }
        DenseMatrix psd = TestSystems.withSpectrum(lambda, new SplittableRandom(d * 100L + seed));
        double[] b = TestSystems.gaussian(d, new SplittableRandom(seed));
        LinearSolveResult chol = DenseCholesky.defaults().solve(LinearOperator.of(psd), b, new double[d]);
        assertEquals(LinearSolveStatus.SINGULAR, chol.status(), "Cholesky " + chol);
        assertArrayEquals(new int[] {d - nullity, 0, nullity}, chol.inertia());
        LinearSolveResult lu = DenseLU.defaults().solve(LinearOperator.of(psd), b, new double[d]);
        assertEquals(LinearSolveStatus.SINGULAR, lu.status(), "LU " + lu);
    }

    @Test
    void illConditionedButRegularMatricesAreSolved() {
        // κ = 1e11: the Cholesky pivot ratio falls below √ε, the eigenvalues show the matrix is regular
        int d = 30;
        double[] lambda = TestSystems.logSpaced(d, 1.0, 1e11);
        DenseMatrix a = TestSystems.withSpectrum(lambda, new SplittableRandom(12));
        double[] b = TestSystems.gaussian(d, new SplittableRandom(13));
        for (LinearSolver solver : List.<LinearSolver>of(DenseCholesky.defaults(), DenseLU.defaults())) {
            double[] v = new double[d];
            LinearSolveResult r = solver.solve(LinearOperator.of(a), b, v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status(), solver.toString());
            double res = TestSystems.residualNorm(a, b, v);
            assertTrue(res <= 10 * TestSystems.residualSlack(a, b, v), "backward stable");
            if (solver instanceof DenseCholesky) {
                assertArrayEquals(new int[] {d, 0, 0}, r.inertia());
            }
        }
    }

    @Test
    void consistentSingularSystemsAreSolvedByKrylovMethods() {
        // b in the range of a PSD singular A: CG and MINRES converge to a solution
        int d = 50;
        double[] lambda = TestSystems.logSpaced(d, 2.0, 100);
        lambda[0] = 0;
        lambda[1] = 0;
        DenseMatrix a = TestSystems.withSpectrum(lambda, new SplittableRandom(8));
        double[] x = TestSystems.gaussian(d, new SplittableRandom(9));
        double[] b = new double[d];
        a.multiply(x, b);
        for (LinearSolver solver : List.<LinearSolver>of(ConjugateGradient.defaults(), Minres.defaults())) {
            double[] v = new double[d];
            LinearSolveResult r = solver.solve(LinearOperator.of(a), b, v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status(), solver.toString());
            assertTrue(TestSystems.residualNorm(a, b, v) <= 1e-10 * TestSystems.norm(b));
        }
    }

    @Test
    void nonFiniteMatricesAreReportedNotThrown() {
        DenseMatrix a = DenseMatrix.of(new double[][] {{1, Double.NaN}, {Double.NaN, 1}});
        for (LinearSolver solver : List.<LinearSolver>of(DenseCholesky.defaults(), DenseLU.defaults())) {
            double[] v = {0.5, 0.5};
            LinearSolveResult r = solver.solve(LinearOperator.of(a), new double[] {1, 1}, v);
            assertEquals(LinearSolveStatus.NON_FINITE, r.status());
            assertArrayEquals(new double[] {0.5, 0.5}, v);
        }
        LinearSolveResult cg = ConjugateGradient.defaults().solve(LinearOperator.of(a), new double[] {1, 1},
                new double[2]);
        assertEquals(LinearSolveStatus.NON_FINITE, cg.status());
        LinearSolveResult minres = Minres.defaults().solve(LinearOperator.of(a), new double[] {1, 1}, new double[2]);
        assertEquals(LinearSolveStatus.NON_FINITE, minres.status());
    }

    @Test
    void choleskyRejectsNonSymmetricMatricesAndAbsorbsRoundingAsymmetry() {
        DenseMatrix nonsymmetric = DenseMatrix.of(new double[][] {{2, 1}, {0, 2}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DenseCholesky.defaults().solve(LinearOperator.of(nonsymmetric), new double[] {1, 1}, new double[2]));
        assertTrue(e.getMessage().startsWith("a is not symmetric"), e.getMessage());
        DenseMatrix nearly = DenseMatrix.of(new double[][] {{2, 1 + 1e-12}, {1, 2}});
        double[] v = new double[2];
        LinearSolveResult r = DenseCholesky.defaults().solve(LinearOperator.of(nearly), new double[] {3, 3}, v);
        assertEquals(LinearSolveStatus.CONVERGED, r.status());
        assertArrayEquals(new double[] {1, 1}, v, 1e-12);
        // LU solves the non-symmetric system: [[2,1],[0,2]] v = (3, 2) → v = (1, 1)
        double[] w = new double[2];
        assertEquals(LinearSolveStatus.CONVERGED,
                DenseLU.defaults().solve(LinearOperator.of(nonsymmetric), new double[] {3, 2}, w).status());
        assertArrayEquals(new double[] {1, 1}, w, 1e-15);
    }

    @Test
    void smallExactSystems() {
        // [[4, 2], [2, 3]] v = (2, 1): v = (0.5, 0), exactly representable
        DenseMatrix a = DenseMatrix.of(new double[][] {{4, 2}, {2, 3}});
        for (LinearSolver solver : List.<LinearSolver>of(DenseCholesky.defaults(), DenseLU.defaults(),
                ConjugateGradient.defaults(), Minres.defaults())) {
            double[] v = new double[2];
            LinearSolveResult r = solver.solve(LinearOperator.of(a), new double[] {2, 1}, v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status(), solver.toString());
            assertArrayEquals(new double[] {0.5, 0}, v, 1e-15, solver.toString());
            assertTrue(r.residualNorm() <= 1e-15);
        }
        assertEquals(0, DenseLU.defaults().solve(LinearOperator.of(DenseMatrix.of(new double[][] {{3}})),
                new double[] {6}, new double[1]).operatorApplications());
    }

    @Test
    void singularityToleranceIsConfigurable() {
        // eigenvalues 1 and 1e-9: singular at τ = 1e-6, regular by default
        DenseMatrix a = TestSystems.withSpectrum(new double[] {1, 1e-9}, new SplittableRandom(2));
        double[] b = {1, 1};
        assertEquals(LinearSolveStatus.CONVERGED, DenseCholesky.defaults().solve(LinearOperator.of(a), b, new double[2]).status());
        assertEquals(LinearSolveStatus.CONVERGED, DenseLU.defaults().solve(LinearOperator.of(a), b, new double[2]).status());
        LinearSolveResult c = DenseCholesky.builder().singularityTolerance(1e-6).build()
                .solve(LinearOperator.of(a), b, new double[2]);
        assertEquals(LinearSolveStatus.SINGULAR, c.status());
        assertArrayEquals(new int[] {1, 0, 1}, c.inertia());
        assertEquals(LinearSolveStatus.SINGULAR,
                DenseLU.withSingularityTolerance(1e-6).solve(LinearOperator.of(a), b, new double[2]).status());
        assertEquals(1e-6, DenseLU.withSingularityTolerance(1e-6).singularityTolerance(5));
        assertEquals(10 * Math.ulp(1.0), DenseLU.defaults().singularityTolerance(5));
        assertEquals(200 * Math.ulp(1.0), DenseCholesky.defaults().singularityTolerance(200));
    }
}
