package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The iterative solvers allocate their work arrays once per solve and nothing per iteration: the bytes a
 * solve allocates on the calling thread do not grow with the number of iterations.
 */
class AllocationTest {

    static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    static long bytesOf(LinearSolver solver, LinearOperator a, double[] b, double[] v) {
        java.util.Arrays.fill(v, 0.0);
        long before = allocatedBytes();
        solver.solve(a, b, v);
        return allocatedBytes() - before;
    }

    @Test
    void bytesPerSolveDoNotDependOnTheIterationCount() {
        IterativeSolversTest.Problem p = IterativeSolversTest.spd(64, 1e6);
        LinearOperator a = LinearOperator.of(p.a());
        double[] v = new double[64];
        double[] ones = new double[64];
        java.util.Arrays.fill(ones, 1.0);
        List<LinearSolver[]> pairs = List.of(
                new LinearSolver[] {ConjugateGradient.builder().maxIterations(5).build(),
                    ConjugateGradient.builder().maxIterations(500).build()},
                new LinearSolver[] {ConjugateGradient.builder().maxIterations(5).preconditioner(Preconditioners.jacobi(ones)).build(),
                    ConjugateGradient.builder().maxIterations(500).preconditioner(Preconditioners.jacobi(ones)).build()},
                new LinearSolver[] {Minres.builder().maxIterations(5).build(), Minres.builder().maxIterations(500).build()},
                new LinearSolver[] {NeumannSeries.builder(0.2, 5).build(), NeumannSeries.builder(0.2, 500).build()});
        for (LinearSolver[] pair : pairs) {
            long few = 0;
            long many = 0;
            for (int warm = 0; warm < 20; warm++) { // let the JIT settle
                few = bytesOf(pair[0], a, p.b(), v);
                many = bytesOf(pair[1], a, p.b(), v);
            }
            assertEquals(MAX_ITERATIONS, pair[1].solve(a, p.b(), new double[64]).status(), pair[1].toString());
            assertTrue(many - few < 256, pair[1] + ": " + few + " bytes for 5 iterations, " + many + " for 500");
            assertTrue(few < 64 * 8 * 8 + 1024, pair[0] + ": " + few + " bytes per solve");
        }
    }

    static final LinearSolveStatus MAX_ITERATIONS = LinearSolveStatus.MAX_ITERATIONS;
}
