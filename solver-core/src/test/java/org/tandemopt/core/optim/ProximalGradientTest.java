package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.ProximalGradient.Restart;
import org.tandemopt.core.optim.prox.GroupL1;
import org.tandemopt.core.optim.prox.L1Norm;
import org.tandemopt.core.optim.prox.NonNegative;

/**
 * ISTA and FISTA on lasso problems: a seeded family checked by the optimality conditions, and
 * REFERENCE-PROBLEMS.md B5 checked against the tabulated solution, with the iteration counts of each variant
 * kept as a regression table.
 */
class ProximalGradientTest {

    // ---------------------------------------------------------------- B5

    static LeastSquares b5() {
        double[][] a = new double[20][10];
        double[] xTrue = {2, -1.5, 0, 0, 1, 0, 0, 0, -0.5, 0};
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 10; j++) {
                a[i][j] = Math.cos(0.37 * (i + 1) * (j + 1)) + (i == j ? 0.5 : 0);
                b[i] += a[i][j] * xTrue[j];
            }
            b[i] += 0.05 * Math.sin(2.3 * (i + 1));
        }
        return new LeastSquares(a, b);
    }

    static final double[] B5_Y_STAR = {1.8006026289, -1.3046755709, 0, 0, 0.8192910258, 0, 0, -0.0395345900,
        -0.3502495899, 0};

    @Test
    void b5Data() {
        LeastSquares ls = b5();
        assertEquals(20.7464469905, ls.lambdaMax(), 1e-9);
        assertEquals(24.5722699181, ls.lipschitz(), 1e-9);
    }

    /** Variant, iterations and gradient evaluations to reach ‖G_t‖ ≤ 1e-10 on B5, as measured. */
    static Stream<Arguments> b5Variants() {
        return Stream.of(
                Arguments.of("ISTA 1/L", false, Restart.NONE, true, 1527, 1528),
                Arguments.of("FISTA 1/L", true, Restart.NONE, true, 1201, 2402),
                Arguments.of("FISTA 1/L, function restart", true, Restart.FUNCTION_VALUE, true, 503, 778),
                Arguments.of("FISTA 1/L, gradient restart", true, Restart.GRADIENT, true, 134, 259),
                Arguments.of("ISTA backtracking", false, Restart.NONE, false, 1991, 1997),
                Arguments.of("FISTA backtracking", true, Restart.NONE, false, 1806, 3617));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("b5Variants")
    void b5Solution(String name, boolean accelerated, Restart restart, boolean constant, int iterations,
                    int gradients) {
        LeastSquares ls = b5();
        double lambda = 0.1 * ls.lambdaMax();
        ProximalGradient.Builder b = ProximalGradient.builder().accelerated(accelerated).restart(restart);
        if (constant) {
            b.lipschitz(24.5722699181);
        }
        OptimizationResult r = b.build().minimize(ls, L1Norm.of(lambda), new double[10],
                SolveOptions.builder().maxIterations(20_000).gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        double[] y = r.point();
        assertArrayEquals(B5_Y_STAR, y, 1e-8, name);
        for (int j : new int[] {2, 3, 5, 6, 9}) {
            assertEquals(0.0, y[j], 0, "exact zero off the support, coordinate " + j);
        }
        assertEquals(ls.value(y) + L1Norm.of(lambda).value(y), r.value(), 1e-14, "value reported is J + r");
        assertEquals(iterations, r.iterations(), name + ": iterations");
        assertEquals(gradients, r.gradientEvaluations(), name + ": gradient evaluations");
    }

    @Test
    void fistaNeedsFewerIterationsThanIstaOnB5() {
        LeastSquares ls = b5();
        double lambda = 0.1 * ls.lambdaMax();
        SolveOptions o = SolveOptions.builder().maxIterations(20_000).gradientTolerance(1e-10).build();
        int ista = ProximalGradient.builder().lipschitz(24.5722699181).build()
                .minimize(ls, L1Norm.of(lambda), new double[10], o).iterations();
        int fista = ProximalGradient.builder().accelerated(true).lipschitz(24.5722699181).build()
                .minimize(ls, L1Norm.of(lambda), new double[10], o).iterations();
        int restarted = ProximalGradient.builder().accelerated(true).restart(Restart.GRADIENT)
                .lipschitz(24.5722699181).build().minimize(ls, L1Norm.of(lambda), new double[10], o).iterations();
        assertTrue(fista < ista, "FISTA " + fista + " vs ISTA " + ista);
        assertTrue(restarted < fista, "restarted FISTA " + restarted + " vs FISTA " + fista);
    }

    // ---------------------------------------------------------------- seeded lasso, optimality conditions

    static Stream<Arguments> lassoCases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (long seed = 1; seed <= 5; seed++) {
            b.add(Arguments.of(seed, "ISTA 1/L"));
            b.add(Arguments.of(seed, "FISTA 1/L"));
            b.add(Arguments.of(seed, "FISTA backtracking, gradient restart"));
            b.add(Arguments.of(seed, "ISTA backtracking"));
        }
        return b.build();
    }

    static LeastSquares randomLeastSquares(long seed, int m, int n) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] a = new double[m][n];
        double[] b = new double[m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = gaussian(rnd);
            }
            b[i] = 3 * gaussian(rnd);
        }
        return new LeastSquares(a, b);
    }

    static double gaussian(SplittableRandom rnd) {
        // Box–Muller, enough for test data
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @ParameterizedTest(name = "seed {0}: {1}")
    @MethodSource("lassoCases")
    void seededLassoSatisfiesOptimalityConditions(long seed, String variant) {
        LeastSquares ls = randomLeastSquares(seed, 30, 15);
        double lambda = 0.3 * ls.lambdaMax();
        double lipschitz = ls.lipschitz();
        ProximalGradient pg = switch (variant) {
            case "ISTA 1/L" -> ProximalGradient.builder().lipschitz(lipschitz).build();
            case "FISTA 1/L" -> ProximalGradient.builder().accelerated(true).lipschitz(lipschitz).build();
            case "FISTA backtracking, gradient restart" -> ProximalGradient.builder().accelerated(true)
                    .restart(Restart.GRADIENT).backtracking(10, 0.5).build();
            default -> ProximalGradient.builder().backtracking(1, 0.7).build();
        };
        OptimizationResult r = pg.minimize(ls, L1Norm.of(lambda), new double[15],
                SolveOptions.builder().maxIterations(50_000).gradientTolerance(1e-11).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        double[] y = r.point();
        double[] c = ls.gradient(y); // A_jᵀ(Ay − b)
        int support = 0;
        for (int j = 0; j < y.length; j++) {
            if (y[j] != 0) {
                support++;
                assertEquals(-lambda * Math.signum(y[j]), c[j], 1e-8, "on the support, coordinate " + j);
            } else {
                assertTrue(Math.abs(c[j]) <= lambda + 1e-8, "off the support, |c_j| = " + Math.abs(c[j])
                        + " > lambda = " + lambda);
            }
        }
        assertTrue(support > 0 && support < y.length, "a non-trivial support: " + support);
    }

    // ---------------------------------------------------------------- other regularizers, closed forms

    @Test
    void projectedGradientOnTheOrthantFromAnInfeasibleStart() {
        // J(u) = ½‖u − c‖², r = indicator of u ≥ 0: the solution is max(c, 0)
        double[] c = {1.5, -2, 0.25, -0.1};
        LeastSquares ls = new LeastSquares(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}},
                c);
        ProximalGradient.State s = ProximalGradient.ista().start(new CompositeProblem(ls, NonNegative.of()),
                new double[] {-1, -1, 1, 1});
        assertArrayEquals(new double[] {0, 0, 1, 1}, s.point(), 0, "infeasible start is projected");
        OptimizationResult r = ProximalGradient.fista().minimize(ls, NonNegative.of(), new double[] {-1, -1, 1, 1},
                SolveOptions.builder().gradientTolerance(1e-12).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination());
        assertArrayEquals(new double[] {1.5, 0, 0.25, 0}, r.point(), 1e-12);
        assertEquals(0.5 * (4 + 0.01), r.value(), 1e-12);
    }

    @Test
    void groupLassoWithIdentityDesignIsOneBlockSoftThreshold() {
        double[] b = {3, 4, 0.3, -0.4, 1, 2, 2};
        double[][] eye = new double[7][7];
        for (int i = 0; i < 7; i++) {
            eye[i][i] = 1;
        }
        GroupL1 r = GroupL1.uniform(7, GroupL1.consecutive(7, 2, 2, 3), 1);
        for (boolean accelerated : new boolean[] {false, true}) {
            OptimizationResult res = ProximalGradient.builder().accelerated(accelerated).backtracking(4, 0.5)
                    .build().minimize(new LeastSquares(eye, b), r, new double[7],
                            SolveOptions.builder().gradientTolerance(1e-12).build());
            assertEquals(Termination.CONVERGED_GRADIENT, res.termination());
            // groups of norms 5, 0.5, 3 with threshold 1: scaled by 4/5, zeroed, scaled by 2/3
            assertArrayEquals(new double[] {2.4, 3.2, 0, 0, 2.0 / 3, 4.0 / 3, 4.0 / 3}, res.point(), 1e-12);
        }
    }

    @Test
    void withoutRegularizerItIsGradientDescentOrNesterov() {
        // an ill-conditioned quadratic through the plain Optimizer interface: r = 0, measure = ‖∇J‖
        double[][] a = {{10, 0}, {0, 1}};
        LeastSquares ls = new LeastSquares(a, new double[] {10, 1}); // minimiser (1, 1), condition number 100
        for (Optimizer o : new Optimizer[] {ProximalGradient.ista(), ProximalGradient.fista(),
            ProximalGradient.builder().accelerated(true).restart(Restart.FUNCTION_VALUE).build()}) {
            OptimizationResult r = o.minimize(ls, new double[] {0, 0},
                    SolveOptions.builder().maxIterations(100_000).gradientTolerance(1e-10).build());
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), o.toString());
            assertArrayEquals(new double[] {1, 1}, r.point(), 1e-9, o.toString());
            double[] g = ls.gradient(r.point());
            assertTrue(Math.hypot(g[0], g[1]) <= 1e-10);
        }
    }

    @Test
    void configuredRegularizerIsUsedByTheOptimizerEntryPoint() {
        LeastSquares ls = b5();
        double lambda = 0.1 * ls.lambdaMax();
        Optimizer o = ProximalGradient.builder().accelerated(true).restart(Restart.GRADIENT)
                .regularizer(L1Norm.of(lambda)).build();
        OptimizationResult r = o.minimize(ls, new double[10],
                SolveOptions.builder().maxIterations(10_000).gradientTolerance(1e-10).build());
        assertArrayEquals(B5_Y_STAR, r.point(), 1e-8);
        assertTrue(r.configuration().contains("L1Norm"), r.configuration());
    }

    @Test
    void resumingContinuesTheSameRun() {
        LeastSquares ls = b5();
        CompositeProblem p = new CompositeProblem(ls, L1Norm.of(0.1 * ls.lambdaMax()));
        ProximalGradient fista = ProximalGradient.builder().accelerated(true).lipschitz(24.5722699181).build();
        ProximalGradient.State once = fista.start(p, new double[10]);
        for (int k = 0; k < 300; k++) {
            fista.step(p, once);
        }
        ProximalGradient.State twice = fista.start(p, new double[10]);
        org.tandemopt.core.monitor.Driver.run(fista, p, twice, SolveOptions.builder().maxIterations(120)
                .gradientTolerance(0).build());
        org.tandemopt.core.monitor.Driver.run(fista, p, twice, SolveOptions.builder().maxIterations(300)
                .gradientTolerance(0).build());
        assertEquals(300, twice.iteration());
        assertArrayEquals(once.point(), twice.point(), 0);
        assertEquals(once.theta(), twice.theta(), 0);
    }

    // ---------------------------------------------------------------- failures and bad input

    @Test
    void aDomainWithNoDescentEndsAsNonFinite() {
        // J is NaN beyond x = 1 and its gradient points there: no step is acceptable, and the last trial was NaN
        // (NON_FINITE, as every line search of the library reports a search that ended on a NaN trial)
        DifferentiableFunction f = new DifferentiableFunction() {
            @Override public int dimension() { return 1; }
            @Override public double value(double[] x) { return x[0] > 1 ? Double.NaN : -x[0]; }
            @Override public double valueAndGradient(double[] x, double[] g) {
                g[0] = -1;
                return value(x);
            }
        };
        OptimizationResult r = ProximalGradient.builder().maxBacktracks(20).build().minimize(f, new double[] {1});
        assertEquals(Termination.NON_FINITE, r.termination());
        assertEquals(1, r.iterations(), "the failed iteration counts");
        assertArrayEquals(new double[] {1}, r.point(), 0, "the iterate is left where it was");
        assertEquals(-1, r.value(), 0);
        assertEquals(22, r.gradientEvaluations(), "the start and 21 trials");
    }

    @Test
    void badInputNamesTheArgument() {
        LeastSquares ls = b5();
        assertThrowsNaming("constantStep", () -> ProximalGradient.builder().constantStep(0));
        assertThrowsNaming("lipschitz", () -> ProximalGradient.builder().lipschitz(-1));
        assertThrowsNaming("initialStep", () -> ProximalGradient.builder().backtracking(Double.NaN, 0.5));
        assertThrowsNaming("shrink", () -> ProximalGradient.builder().backtracking(1, 1));
        assertThrowsNaming("maxBacktracks", () -> ProximalGradient.builder().maxBacktracks(0));
        assertThrowsNaming("restart", () -> ProximalGradient.builder().restart(null));
        assertThrowsNaming("regularizer", () -> ProximalGradient.builder().regularizer(null));
        assertThrowsNaming("start", () -> ProximalGradient.ista().minimize(ls, new double[3]));
        assertThrowsNaming("start[2]", () -> ProximalGradient.ista().minimize(ls,
                new double[] {0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, 0}));
        assertThrowsNaming("f", () -> ProximalGradient.ista().minimize(null, new double[3]));
        assertThrowsNaming("options", () -> ProximalGradient.ista().minimize(ls, new double[10], null));
        assertThrowsNaming("regularizer", () -> ProximalGradient.ista().minimize(ls,
                L1Norm.weighted(new double[] {1, 2}), new double[10], SolveOptions.defaults()));
        assertThrowsNaming("smooth", () -> new CompositeProblem(null, L1Norm.of(1)));
    }

    static void assertThrowsNaming(String name, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                call);
        assertTrue(e.getMessage().startsWith(name + " "), "message should name " + name + ": " + e.getMessage());
    }
}
