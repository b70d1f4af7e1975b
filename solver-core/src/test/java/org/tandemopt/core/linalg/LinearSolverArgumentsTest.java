package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input: every rejection is an {@link IllegalArgumentException} whose message names the argument. */
class LinearSolverArgumentsTest {

    static Stream<LinearSolver> solvers() {
        return Stream.of(ConjugateGradient.defaults(), Minres.defaults(), NeumannSeries.of(0.1, 10),
                DenseCholesky.defaults(), DenseLU.defaults(),
                ConjugateGradient.builder().preconditioner(Preconditioners.jacobi(new double[] {1, 1})).build());
    }

    static void assertRejects(String startOfMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(startOfMessage), "message: " + e.getMessage());
    }

    static final LinearOperator IDENTITY = (v, out) -> System.arraycopy(v, 0, out, 0, v.length);

    @ParameterizedTest
    @MethodSource("solvers")
    void solveRejectsBadArrays(LinearSolver solver) {
        double[] b = {1, 2};
        assertRejects("a must not be null", () -> solver.solve(null, b, new double[2]));
        assertRejects("b must not be null", () -> solver.solve(IDENTITY, null, new double[2]));
        assertRejects("b has length 0", () -> solver.solve(IDENTITY, new double[0], new double[0]));
        assertRejects("solution must not be null (expected length 2)", () -> solver.solve(IDENTITY, b, null));
        assertRejects("solution has length 3, expected 2", () -> solver.solve(IDENTITY, b, new double[3]));
        assertRejects("b[1] = NaN, expected a finite number", () -> solver.solve(IDENTITY, new double[] {1, Double.NaN},
                new double[2]));
        assertRejects("solution[0] = Infinity", () -> solver.solve(IDENTITY, b,
                new double[] {Double.POSITIVE_INFINITY, 0}));
        assertRejects("solution is the same array as b", () -> solver.solve(IDENTITY, b, b));
        DenseMatrix three = DenseMatrix.identity(3);
        assertRejects("a is 3 x 3, expected 2 x 2", () -> solver.solve(LinearOperator.of(three), b, new double[2]));
    }

    @Test
    void buildersRejectBadSettings() {
        assertRejects("relativeTolerance = 0.0, expected a finite number > 0",
                () -> ConjugateGradient.builder().relativeTolerance(0));
        assertRejects("relativeTolerance = -1.0", () -> ConjugateGradient.builder().relativeTolerance(-1));
        assertRejects("relativeTolerance = NaN", () -> ConjugateGradient.builder().relativeTolerance(Double.NaN));
        assertRejects("relativeTolerance = Infinity",
                () -> ConjugateGradient.builder().relativeTolerance(Double.POSITIVE_INFINITY));
        assertRejects("absoluteTolerance = -1.0E-10, expected a finite number >= 0",
                () -> ConjugateGradient.builder().absoluteTolerance(-1e-10));
        assertRejects("maxIterations = 0, expected an integer >= 1", () -> ConjugateGradient.builder().maxIterations(0));
        assertRejects("preconditioner must not be null", () -> ConjugateGradient.builder().preconditioner(null));

        assertRejects("relativeTolerance = 0.0", () -> Minres.builder().relativeTolerance(0));
        assertRejects("absoluteTolerance = NaN", () -> Minres.builder().absoluteTolerance(Double.NaN));
        assertRejects("maxIterations = -3", () -> Minres.builder().maxIterations(-3));

        assertRejects("alpha = 0.0, expected a finite number > 0", () -> NeumannSeries.of(0, 10));
        assertRejects("alpha = -0.5", () -> NeumannSeries.of(-0.5, 10));
        assertRejects("terms = 0, expected an integer >= 1", () -> NeumannSeries.of(0.1, 0));
        assertRejects("relativeTolerance = -1.0", () -> NeumannSeries.builder(0.1, 5).relativeTolerance(-1));
        assertRejects("absoluteTolerance = -1.0", () -> NeumannSeries.builder(0.1, 5).absoluteTolerance(-1));
        assertRejects("divergenceFactor = 1.0, expected a finite number > 1",
                () -> NeumannSeries.builder(0.1, 5).divergenceFactor(1));

        assertRejects("singularityTolerance = 0.0, expected a number in (0.0, 1.0)",
                () -> DenseCholesky.builder().singularityTolerance(0));
        assertRejects("symmetryTolerance = -1.0", () -> DenseCholesky.builder().symmetryTolerance(-1));
        assertRejects("singularityTolerance = 1.0", () -> DenseLU.withSingularityTolerance(1));

        assertRejects("diagonal[1] = 0.0, expected a finite number > 0",
                () -> Preconditioners.jacobi(new double[] {1, 0}));
        assertRejects("diagonal must not be null", () -> Preconditioners.jacobi((double[]) null));
        assertRejects("a is 2 x 3, expected a square matrix",
                () -> Preconditioners.jacobi(DenseMatrix.of(2, 3, new double[6])));
        assertRejects("a is 2 x 3, expected a square matrix", () -> LinearOperator.of(DenseMatrix.of(2, 3, new double[6])));
        assertRejects("a must not be null", () -> LinearOperator.of(null));
        assertRejects("a is 2 x 3, expected a square matrix",
                () -> DenseCholesky.defaults().inertia(DenseMatrix.of(2, 3, new double[6])));
    }

    @Test
    void factoryByName() {
        assertSame(ConjugateGradient.defaults(), LinearSolvers.byName("cg"));
        assertSame(Minres.defaults(), LinearSolvers.byName(" MINRES "));
        assertSame(DenseCholesky.defaults(), LinearSolvers.byName("Cholesky"));
        assertSame(DenseLU.defaults(), LinearSolvers.byName("lu"));
        assertEquals(List.of("cg", "minres", "cholesky", "lu"), LinearSolvers.names());
        for (String name : LinearSolvers.names()) {
            double[] v = new double[2];
            LinearSolveResult r = LinearSolvers.byName(name).solve(LinearOperator.of(DenseMatrix.of(new double[][] {
                {2, 0}, {0, 4}})), new double[] {2, 2}, v);
            assertEquals(LinearSolveStatus.CONVERGED, r.status(), name);
            assertEquals(1.0, v[0], 1e-15);
            assertEquals(0.5, v[1], 1e-15);
        }
        assertEquals(0.25, LinearSolvers.neumann(0.25, 3).alpha());
        assertEquals(3, LinearSolvers.neumann(0.25, 3).terms());
        assertRejects("name = gmres, expected one of [cg, minres, cholesky, lu]", () -> LinearSolvers.byName("gmres"));
        assertRejects("name = neumann needs a step", () -> LinearSolvers.byName("neumann"));
        assertRejects("name must not be null", () -> LinearSolvers.byName(null));
    }

    @Test
    void defaultsAreDocumentedValues() {
        assertEquals(1e-10, ConjugateGradient.defaults().relativeTolerance());
        assertEquals(0.0, ConjugateGradient.defaults().absoluteTolerance());
        assertEquals(70, ConjugateGradient.defaults().maxIterations(7));
        assertEquals(1e-10, Minres.defaults().relativeTolerance());
        assertEquals(70, Minres.defaults().maxIterations(7));
        assertEquals(1e-10, NeumannSeries.of(0.1, 4).relativeTolerance());
        assertEquals(10.0, NeumannSeries.of(0.1, 4).divergenceFactor());
        assertEquals(1e-8, DenseCholesky.defaults().symmetryTolerance());
        ConjugateGradient custom = ConjugateGradient.builder().relativeTolerance(1e-6).maxIterations(12).build();
        ConjugateGradient copy = custom.toBuilder().absoluteTolerance(1e-3).build();
        assertEquals(1e-6, copy.relativeTolerance());
        assertEquals(12, copy.maxIterations(1000));
        assertEquals(1e-3, copy.absoluteTolerance());
        assertTrue(copy.toString().contains("relativeTolerance=1.0E-6"), copy.toString());
    }

    @Test
    void matrixOperatorExposesItsMatrix() {
        DenseMatrix m = DenseMatrix.of(new double[][] {{1, 2}, {3, 4}});
        LinearOperator op = LinearOperator.of(m);
        assertTrue(op instanceof MatrixOperator);
        assertSame(m, ((MatrixOperator) op).matrix());
        assertEquals(2, ((MatrixOperator) op).dimension());
        double[] out = new double[2];
        op.apply(new double[] {1, 1}, out);
        assertEquals(3, out[0]);
        assertEquals(7, out[1]);
    }
}
