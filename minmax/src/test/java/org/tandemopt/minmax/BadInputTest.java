package org.tandemopt.minmax;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tandemopt.core.optim.prox.BallProjection;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.core.optim.prox.SimplexProjection;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;

/** Invalid input is an IllegalArgumentException whose message names the argument. */
class BadInputTest {

    static final SaddleFunction L = new SaddleFunction() {
        @Override public int xDimension() { return 2; }
        @Override public int yDimension() { return 3; }
        @Override public double value(double[] x, double[] y) { return x[0] * y[0]; }
        @Override public double gradientX(double[] x, double[] y, double[] out) { return 0; }
        @Override public double gradientY(double[] x, double[] y, double[] out) { return 0; }
    };

    static void rejects(String argument, Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(argument), "message should name " + argument + ": " + ex.getMessage());
    }

    static MinMaxProblem.Builder valid() {
        return MinMaxProblem.builder(L).start(new double[2], new double[] {0.2, 0.3, 0.5});
    }

    @Test
    void problemValidation() {
        rejects("function", () -> MinMaxProblem.builder(null));
        rejects("startX", () -> MinMaxProblem.builder(L).start(new double[3], new double[3]).build());
        rejects("startY", () -> MinMaxProblem.builder(L).start(new double[2], new double[2]).build());
        rejects("startX", () -> MinMaxProblem.builder(L).start(null, new double[3]).build());
        rejects("startX[1]", () -> MinMaxProblem.builder(L).start(new double[] {0, Double.NaN}, new double[3])
                .build());
        rejects("startY[2]", () -> MinMaxProblem.builder(L)
                .start(new double[2], new double[] {0, 0, Double.POSITIVE_INFINITY}).build());
        rejects("feasibleY", () -> valid().feasibleY(SimplexProjection.probability(4)).build());
        rejects("feasibleX", () -> valid().feasibleX(BallProjection.centered(3, 1)).build());
        rejects("startY", () -> valid().feasibleY(SimplexProjection.probability(3))
                .start(new double[2], new double[] {0.5, 0.5, 0.5}).build());
        rejects("startX", () -> valid().feasibleX(BoxProjection.uniform(1, 2)).build());
        rejects("solutionX", () -> valid().knownSolution(new double[1], new double[3]).build());
        rejects("knownSolution", () -> valid().knownSolution(new double[2], null).build());
        rejects("sense", () -> valid().sense(null));
        // a valid problem builds, with any-dimension projections
        assertTrue(valid().feasibleX(BoxProjection.uniform(-1, 1)).feasibleY(SimplexProjection.probability(3))
                .build().feasibleY() != null);
    }

    @Test
    void projectionParameters() {
        rejects("lower[0]", () -> BoxProjection.of(new double[] {2, 0}, new double[] {1, 1}));
        rejects("lower", () -> BoxProjection.uniform(3, -3));
        rejects("radius", () -> SimplexProjection.of(3, -1));
        rejects("radius", () -> BallProjection.centered(2, Double.NaN));
    }

    @Test
    void solverParameters() {
        rejects("etaX", () -> Extragradient.of(0));
        rejects("etaY", () -> Extragradient.of(0.1, -1));
        rejects("etaX", () -> OptimisticGradientDescentAscent.of(Double.NaN));
        rejects("etaX", () -> GradientDescentAscent.simultaneous(-0.1, 0.1));
        rejects("forY", () -> GradientDescentAscent.builder().stepRules(
                new org.tandemopt.core.linesearch.ConstantStep(1), null));
        rejects("innerTolerance", () -> RidgeMethod.builder().innerTolerance(0));
        rejects("innerToleranceFactor", () -> RidgeMethod.builder().innerToleranceFactor(-1));
        rejects("innerMaxIterations", () -> RidgeMethod.builder().innerMaxIterations(0));
        rejects("innerToleranceFloor", () -> RidgeMethod.builder().innerTolerance(1e-6).innerToleranceFloor(1e-3)
                .build());
        rejects("outerStep", () -> RidgeMethod.builder().outerStep(null));
        rejects("problem", () -> RidgeMethod.defaults().solve(null));
        rejects("options", () -> Extragradient.of(0.1).solve(valid().build(), null));
    }
}
