package org.tandemopt.minmax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.minmax.solvers.Extragradient;
import org.tandemopt.minmax.solvers.GradientDescentAscent;
import org.tandemopt.minmax.solvers.OptimisticGradientDescentAscent;
import org.tandemopt.minmax.solvers.RidgeMethod;

/** The README tour of the min-max module, compiled and run: its output is asserted line by line. */
class TourTest {

    static void tour(PrintStream out) {
        // --- README tour snippet (begin) ---
        // L(x, y) = −3x² − y² + 4xy: (0, 0) is the global minimax point (max_y L = x², y*(x) = 2x),
        // but not a local Nash point, so the simultaneous dynamics push the iterates away from it.
        SaddleFunction l = new SaddleFunction() {
            public int xDimension() { return 1; }
            public int yDimension() { return 1; }
            public double value(double[] x, double[] y) { return -3 * x[0] * x[0] - y[0] * y[0] + 4 * x[0] * y[0]; }
            public double gradientX(double[] x, double[] y, double[] g) { g[0] = -6 * x[0] + 4 * y[0]; return value(x, y); }
            public double gradientY(double[] x, double[] y, double[] g) { g[0] = -2 * y[0] + 4 * x[0]; return value(x, y); }
        };
        MinMaxProblem problem = MinMaxProblem.builder(l).start(new double[] {5}, new double[] {7}).build();
        SolveOptions options = SolveOptions.builder().maxIterations(1000).gradientTolerance(1e-8)
                .divergenceBound(1e20).build();
        for (MinMaxSolver solver : List.of(GradientDescentAscent.simultaneous(0.05, 0.05), Extragradient.of(0.05),
                OptimisticGradientDescentAscent.of(0.05), RidgeMethod.defaults())) {
            MinMaxResult r = solver.solve(problem, options);
            out.printf("%-31s %-18s |x| = %.1e%n", solver.getClass().getSimpleName(), r.termination(),
                    Math.abs(r.x()[0]));
        }
        // Why the ridge method backtracks with expansion: on L = xy − y⁴/4 + (x − 1)²/2 the value function
        // G(x) = max_y L = ¾|x|^{4/3} + (x − 1)²/2 has G'(x) = x^{1/3} + x − 1, only Hölder continuous at 0.
        // Starting next to that kink the admissible step is small; a step that may only shrink stays small.
        SaddleFunction holder = new SaddleFunction() {
            public int xDimension() { return 1; }
            public int yDimension() { return 1; }
            public double value(double[] x, double[] y) {
                return x[0] * y[0] - Math.pow(y[0], 4) / 4 + (x[0] - 1) * (x[0] - 1) / 2;
            }
            public double gradientX(double[] x, double[] y, double[] g) { g[0] = y[0] + x[0] - 1; return value(x, y); }
            public double gradientY(double[] x, double[] y, double[] g) { g[0] = x[0] - Math.pow(y[0], 3); return value(x, y); }
        };
        MinMaxProblem nearKink = MinMaxProblem.builder(holder).start(new double[] {-1e-3}, new double[] {0}).build();
        for (double expansion : new double[] {1, 2}) {
            RidgeMethod ridge = RidgeMethod.builder()
                    .outerStep(ArmijoBacktracking.builder().armijo(0.5).expansion(expansion).build()).build();
            MinMaxResult r = ridge.solve(nearKink, SolveOptions.builder().gradientTolerance(1e-8).build());
            out.printf("expansion %.0f: %s after %d iterations, x = %.9f%n", expansion, r.termination(),
                    r.iterations(), r.x()[0]);
        }
        // --- README tour snippet (end) ---
    }

    @Test
    void tourRunsAndPrintsWhatTheReadmeSays() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        tour(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(6, lines.length, String.join("\n", lines));
        assertEquals("GradientDescentAscent           DIVERGED", lines[0].substring(0, 40).stripTrailing());
        assertEquals("Extragradient                   DIVERGED", lines[1].substring(0, 40).stripTrailing());
        assertEquals("OptimisticGradientDescentAscent DIVERGED", lines[2].substring(0, 40).stripTrailing());
        assertEquals("RidgeMethod                     CONVERGED_GRADIENT |x| = 0.0e+00", lines[3].stripTrailing());
        assertEquals("expansion 1: CONVERGED_GRADIENT after 72 iterations, x = 0.317672191", lines[4]);
        assertEquals("expansion 2: CONVERGED_GRADIENT after 12 iterations, x = 0.317672191", lines[5]);
    }
}
