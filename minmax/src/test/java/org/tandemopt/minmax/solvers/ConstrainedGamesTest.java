package org.tandemopt.minmax.solvers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.prox.BallProjection;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.core.optim.prox.SimplexProjection;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.Sense;

/** Games with feasible sets: a matrix game on simplices, a finite-maximum problem, min-min, box and ball. */
class ConstrainedGamesTest {

    // ------------------------------------------------------------------ rock-paper-scissors

    /** {@code L(x, y) = xᵀAy}: the row player x pays A to the column player y. */
    static final double[][] RPS = {{0, -1, 1}, {1, 0, -1}, {-1, 1, 0}};

    static final SaddleFunction MATRIX_GAME = new SaddleFunction() {
        @Override public int xDimension() { return 3; }
        @Override public int yDimension() { return 3; }

        @Override
        public double value(double[] x, double[] y) {
            double v = 0;
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    v += x[i] * RPS[i][j] * y[j];
                }
            }
            return v;
        }

        @Override
        public double gradientX(double[] x, double[] y, double[] out) {
            for (int i = 0; i < 3; i++) {
                out[i] = RPS[i][0] * y[0] + RPS[i][1] * y[1] + RPS[i][2] * y[2];
            }
            return value(x, y);
        }

        @Override
        public double gradientY(double[] x, double[] y, double[] out) {
            for (int j = 0; j < 3; j++) {
                out[j] = x[0] * RPS[0][j] + x[1] * RPS[1][j] + x[2] * RPS[2][j];
            }
            return value(x, y);
        }
    };

    @Test
    void extragradientSolvesRockPaperScissors() {
        double third = 1.0 / 3;
        MinMaxProblem p = MinMaxProblem.builder(MATRIX_GAME)
                .feasibleX(SimplexProjection.probability(3)).feasibleY(SimplexProjection.probability(3))
                .start(new double[] {0.6, 0.3, 0.1}, new double[] {0.2, 0.2, 0.6})
                .knownSolution(new double[] {third, third, third}, new double[] {third, third, third}).build();
        MinMaxResult r = Extragradient.of(0.3).solve(p, SolveOptions.builder().gradientTolerance(1e-10)
                .maxIterations(10_000).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        for (int i = 0; i < 3; i++) {
            assertEquals(third, r.x()[i], 1e-6);
            assertEquals(third, r.y()[i], 1e-6);
        }
        assertTrue(r.distanceToSolution() <= 1e-9, r.toString());
        assertEquals(0.0, r.value(), 1e-12); // the value of the game
        // plain simultaneous GDA does not converge on this game: it spirals out to the boundary
        MinMaxResult gda = GradientDescentAscent.simultaneous(0.3, 0.3).solve(p, SolveOptions.builder()
                .gradientTolerance(1e-10).maxIterations(10_000).build());
        assertEquals(Termination.MAX_ITERATIONS, gda.termination());
        assertTrue(gda.distanceToSolution() > 0.1, gda.toString());
    }

    // ------------------------------------------------------------------ CB3 finite maximum

    /**
     * Lukšan–Vlček CB3: {@code min_x max_i f_i(x)} with {@code f = (x1⁴ + x2², (2 − x1)² + (2 − x2)², 2e^{x2 − x1})}
     * posed as {@code min_x max_{λ ∈ Δ} Σ λ_i f_i(x)}.
     */
    static final SaddleFunction CB3 = new SaddleFunction() {
        @Override public int xDimension() { return 2; }
        @Override public int yDimension() { return 3; }

        void f(double[] x, double[] out) {
            out[0] = x[0] * x[0] * x[0] * x[0] + x[1] * x[1];
            out[1] = (2 - x[0]) * (2 - x[0]) + (2 - x[1]) * (2 - x[1]);
            out[2] = 2 * Math.exp(x[1] - x[0]);
        }

        @Override
        public double value(double[] x, double[] y) {
            double[] fs = new double[3];
            f(x, fs);
            return y[0] * fs[0] + y[1] * fs[1] + y[2] * fs[2];
        }

        @Override
        public double gradientX(double[] x, double[] y, double[] out) {
            double e = 2 * Math.exp(x[1] - x[0]);
            out[0] = y[0] * 4 * x[0] * x[0] * x[0] - y[1] * 2 * (2 - x[0]) - y[2] * e;
            out[1] = y[0] * 2 * x[1] - y[1] * 2 * (2 - x[1]) + y[2] * e;
            return value(x, y);
        }

        @Override
        public double gradientY(double[] x, double[] y, double[] out) {
            f(x, out);
            return y[0] * out[0] + y[1] * out[1] + y[2] * out[2];
        }
    };

    @Test
    void extragradientSolvesTheFiniteMaximumProblemCb3() {
        MinMaxProblem p = MinMaxProblem.builder(CB3).feasibleY(SimplexProjection.probability(3))
                .start(new double[] {2, 2}, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3})
                // at (1, 1) all three pieces are active; Σ λ_i ∇f_i = 0 gives λ* = (1/3, 1/2, 1/6)
                .knownSolution(new double[] {1, 1}, new double[] {1.0 / 3, 0.5, 1.0 / 6}).build();
        MinMaxResult r = Extragradient.of(0.02).solve(p, SolveOptions.builder().gradientTolerance(1e-10)
                .maxIterations(200_000).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertEquals(1.0, r.x()[0], 1e-6);
        assertEquals(1.0, r.x()[1], 1e-6);
        assertEquals(2.0, r.value(), 1e-6);
        assertTrue(r.distanceToSolution() <= 1e-6, r.toString());
        // the finite maximum itself at the answer
        double[] x = r.x();
        double max = Math.max(Math.max(Math.pow(x[0], 4) + x[1] * x[1],
                (2 - x[0]) * (2 - x[0]) + (2 - x[1]) * (2 - x[1])), 2 * Math.exp(x[1] - x[0]));
        assertEquals(2.0, max, 1e-6);
    }

    // ------------------------------------------------------------------ min-min and constrained ridge

    /** {@code L = (x − 1)² + (x − y)² + (y + 1)²}: min-min solution (1/3, −1/3), value 4/3. */
    static final SaddleFunction JOINT = Problems.scalar(new Problems.Scalar() {
        public double value(double x, double y) {
            return (x - 1) * (x - 1) + (x - y) * (x - y) + (y + 1) * (y + 1);
        }
        public double dx(double x, double y) { return 2 * (x - 1) + 2 * (x - y); }
        public double dy(double x, double y) { return -2 * (x - y) + 2 * (y + 1); }
    });

    @Test
    void minMinByTheRidgeMethodAndByGradientDescentOnBothBlocks() {
        MinMaxProblem p = MinMaxProblem.builder(JOINT).sense(Sense.MIN_MIN).start(new double[] {3}, new double[] {2})
                .knownSolution(new double[] {1.0 / 3}, new double[] {-1.0 / 3}).build();
        // tolerance 1e-7: G ≈ 4/3 has value spacing 2.2e-16 and Armijo (c = 0.5, t ≈ 1/3) certifies decreases
        // only for |G'| above about 4e-8
        MinMaxResult ridge = RidgeMethod.defaults().solve(p, SolveOptions.builder().gradientTolerance(1e-7).build());
        assertEquals(Termination.CONVERGED_GRADIENT, ridge.termination(), ridge.toString());
        assertTrue(ridge.distanceToSolution() <= 1e-7, ridge.toString());
        // G(x) = min_y L = (x − 1)² + (x + 1)²/2, G(1/3) = 4/3
        assertEquals(4.0 / 3, ridge.value(), 1e-14);
        MinMaxResult gd = GradientDescentAscent.alternating(0.2, 0.2).solve(p, SolveOptions.builder()
                .gradientTolerance(1e-10).build());
        assertEquals(Termination.CONVERGED_GRADIENT, gd.termination());
        assertTrue(gd.distanceToSolution() <= 1e-9, gd.toString());
        // with MIN_MAX instead, L is convex in y: the inner maximisation is unbounded and the run must say so
        MinMaxResult unbounded = RidgeMethod.builder().innerMaxIterations(200).build()
                .solve(p.withSense(Sense.MIN_MAX), SolveOptions.builder().gradientTolerance(1e-10).build());
        // the inner ascent runs off to infinity during the start's inner solve: G(x0) = +∞ → DIVERGED
        assertEquals(Termination.DIVERGED, unbounded.termination(), unbounded.toString());
        assertEquals(0, unbounded.iterations());
        assertTrue(unbounded.yResidual() > 1, unbounded.toString());
    }

    /**
     * {@code L = xy − y²/2 + (x − 2)²/2} with {@code y ∈ [−½, ½]} and {@code x} in the unit ball:
     * {@code y*(x) = clamp(x)}, {@code G(x) = x/2 − 1/8 + (x − 2)²/2} for {@code x ≥ ½}, decreasing up to the
     * boundary: {@code (x*, y*) = (1, ½)}, {@code G(1) = 7/8}.
     */
    @Test
    void ridgeMethodWithBoxAndBallConstraints() {
        SaddleFunction f = Problems.scalar(new Problems.Scalar() {
            public double value(double x, double y) { return x * y - y * y / 2 + (x - 2) * (x - 2) / 2; }
            public double dx(double x, double y) { return y + x - 2; }
            public double dy(double x, double y) { return x - y; }
        });
        MinMaxProblem p = MinMaxProblem.builder(f).feasibleX(BallProjection.centered(1, 1))
                .feasibleY(BoxProjection.uniform(-0.5, 0.5)).start(new double[] {-0.5}, new double[] {0})
                .knownSolution(new double[] {1}, new double[] {0.5}).build();
        for (double expansion : new double[] {1, 2}) {
            RidgeMethod ridge = RidgeMethod.builder()
                    .outerStep(ArmijoBacktracking.builder().expansion(expansion).build()).build();
            MinMaxResult r = ridge.solve(p, SolveOptions.builder().gradientTolerance(1e-12).build());
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
            assertEquals(1.0, r.x()[0], 1e-12);
            assertEquals(0.5, r.y()[0], 1e-12);
            assertEquals(0.875, r.value(), 1e-12);
        }
        // any core optimizer can be the inner solver: here ISTA (core ProximalGradient) with the box projection
        InnerSolver ista = InnerSolver.of(org.tandemopt.core.optim.ProximalGradient.builder()
                .regularizer(BoxProjection.uniform(-0.5, 0.5)).build());
        MinMaxResult withIsta = RidgeMethod.builder().innerSolver(ista).build()
                .solve(p, SolveOptions.builder().gradientTolerance(1e-12).build());
        assertEquals(Termination.CONVERGED_GRADIENT, withIsta.termination(), withIsta.toString());
        assertEquals(1.0, withIsta.x()[0], 1e-12);
        assertEquals(0.5, withIsta.y()[0], 1e-12);
        // the projected first-order methods agree (this L is strongly concave in y, so (1, ½) is a Nash point)
        SolveOptions o = SolveOptions.builder().gradientTolerance(1e-12).maxIterations(10_000).build();
        for (var s : new org.tandemopt.minmax.MinMaxSolver[] {GradientDescentAscent.simultaneous(0.2, 0.2),
                Extragradient.of(0.3), OptimisticGradientDescentAscent.of(0.2)}) {
            MinMaxResult r = s.solve(p, o);
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
            assertTrue(r.distanceToSolution() <= 1e-11, r.toString());
        }
    }

    @Test
    void gradientDescentAscentWithArmijoStepsForEachPlayer() {
        // a line-search rule per player, on the strongly-convex–strongly-concave L = x²/2 + 2xy − y²/2 ... with
        // the Armijo rule each player's step stays within its own curvature
        SaddleFunction f = Problems.scalar(new Problems.Scalar() {
            public double value(double x, double y) { return 2 * x * x + x * y - y * y; }
            public double dx(double x, double y) { return 4 * x + y; }
            public double dy(double x, double y) { return x - 2 * y; }
        });
        MinMaxProblem p = MinMaxProblem.builder(f).start(new double[] {1}, new double[] {-1})
                .knownSolution(new double[] {0}, new double[] {0}).build();
        GradientDescentAscent gda = GradientDescentAscent.builder().alternating(true)
                .stepRules(ArmijoBacktracking.builder().armijo(0.5).expansion(1).build(),
                        ArmijoBacktracking.builder().armijo(0.5).expansion(1).build()).build();
        MinMaxResult r = gda.solve(p, SolveOptions.builder().gradientTolerance(1e-12).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertTrue(r.distanceToSolution() <= 1e-12, r.toString());
        assertTrue(r.valueEvaluations() > 0, "the line searches evaluated L");
    }
}
