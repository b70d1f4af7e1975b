package org.tandemopt.minmax.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.prox.SimplexProjection;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxSolver;
import org.tandemopt.minmax.SaddleFunction;

/** Steady-state steps allocate nothing; non-finite values end a run with NON_FINITE. */
class SteadyStateTest {

    static Stream<MinMaxSolver> firstOrder() {
        return Stream.of(GradientDescentAscent.simultaneous(0.1, 0.1), GradientDescentAscent.alternating(0.1, 0.1),
                Extragradient.of(0.1), OptimisticGradientDescentAscent.of(0.1));
    }

    /**
     * Bytes allocated by this thread for a run of 20 000 more iterations than a short run, on a constrained
     * matrix game (projections onto simplices included): below 1 byte per iteration, i.e. nothing per step.
     */
    @ParameterizedTest
    @MethodSource("firstOrder")
    void stepsAllocateNothing(MinMaxSolver solver) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        MinMaxProblem p = MinMaxProblem.builder(ConstrainedGamesTest.MATRIX_GAME)
                .feasibleX(SimplexProjection.probability(3)).feasibleY(SimplexProjection.probability(3))
                .start(new double[] {0.6, 0.3, 0.1}, new double[] {0.2, 0.2, 0.6}).build();
        SolveOptions shortRun = SolveOptions.builder().maxIterations(100).gradientTolerance(0).build();
        SolveOptions longRun = SolveOptions.builder().maxIterations(20_100).gradientTolerance(0).build();
        for (int warm = 0; warm < 3; warm++) { // let the JIT settle
            solver.solve(p, longRun);
        }
        long a0 = bean.getCurrentThreadAllocatedBytes();
        solver.solve(p, shortRun);
        long a1 = bean.getCurrentThreadAllocatedBytes();
        solver.solve(p, longRun);
        long a2 = bean.getCurrentThreadAllocatedBytes();
        long extra = (a2 - a1) - (a1 - a0);
        assertTrue(extra < 20_000, solver + ": " + extra + " bytes for 20 000 extra iterations");
    }

    @Test
    void nonFiniteValueEndsTheRun() {
        // L = xy, but the value is NaN once |x| > 2 (sqrt of a negative number): GDA with η = 0.5 spirals out
        SaddleFunction f = Problems.scalar(new Problems.Scalar() {
            public double value(double x, double y) { return x * y + 0 * Math.sqrt(4 - x * x); }
            public double dx(double x, double y) { return y; }
            public double dy(double x, double y) { return x; }
        });
        MinMaxProblem p = MinMaxProblem.builder(f).start(new double[] {1}, new double[] {1}).build();
        var r = GradientDescentAscent.simultaneous(0.5, 0.5).solve(p, SolveOptions.builder().gradientTolerance(0)
                .build());
        assertEquals(Termination.NON_FINITE, r.termination());
        // the result is the last iterate at which L was finite (|x| ≤ 2), not the one where it turned NaN
        assertTrue(Math.abs(r.x()[0]) <= 2 && Double.isFinite(r.value()), r.toString());
        assertTrue(r.iterations() < 20);
    }
}
