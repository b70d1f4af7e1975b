package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The linear-solver snippet proposed for the README tour and docs/linear-solvers.md, compiled and checked. */
class ReadmeSnippetTest {

    @Test
    void snippet() {
        // --- snippet start ---
        DenseMatrix h = DenseMatrix.of(new double[][] {{4, 1}, {1, 3}});
        double[] rhs = {1, 2};
        double[] v = new double[2];                       // cold start; keep v to warm-start the next solve
        LinearSolveResult r = LinearSolvers.cg().solve(LinearOperator.of(h), rhs, v);
        // r.status() == CONVERGED, v = (1/11, 7/11), r.residualNorm() <= 1e-10 * ‖rhs‖
        LinearSolveResult c = LinearSolvers.byName("cholesky").solve(LinearOperator.of(h), rhs, v);
        int[] inertia = c.inertia();                      // {2, 0, 0}: h is positive definite
        // --- snippet end ---
        assertEquals(LinearSolveStatus.CONVERGED, r.status());
        assertTrue(r.residualNorm() <= 1e-10 * Math.sqrt(5));
        assertEquals(2, r.iterations());
        assertArrayEquals(new double[] {1.0 / 11, 7.0 / 11}, v, 1e-15);
        assertEquals(LinearSolveStatus.CONVERGED, c.status());
        assertArrayEquals(new int[] {2, 0, 0}, inertia);
    }
}
