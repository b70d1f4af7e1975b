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
}
