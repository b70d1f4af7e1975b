package org.tandemopt.minmax.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.prox.BallProjection;
import org.tandemopt.core.optim.prox.BoxProjection;
import org.tandemopt.core.optim.prox.Projection;
import org.tandemopt.core.optim.prox.SimplexProjection;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.SaddleFunction;
import org.tandemopt.minmax.solvers.InnerSolver;
import org.tandemopt.minmax.solvers.RidgeMethod;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of the min-max configuration entry points: the {@link RidgeMethod} builder (tolerances, floor,
 * budget, outer rule, inner solver) and {@link InnerSolver} factories, the {@link MinMaxProblem} builder
 * (projections of the wrong dimension or with crossed bounds, starts of the wrong length, non-finite or outside
 * their set, one-sided or wrong known solutions, null sense) and {@link SaddleFunction#of} over parametric
 * functions whose dimensions do not match the problem's. A call throws an {@link IllegalArgumentException}
 * naming an invalid argument or returns a result with a termination; a converged ridge-method result is finite,
 * feasible, its value recomputed, and on the unscaled saddle it is the known saddle point.
 */
class BuildersFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /** Fewer seeds for the builder test: each accepted configuration runs a whole ridge-method solve. */
    static LongStream solveSeeds() {
        return LongStream.range(0, 150);
    }

    static final double[] EXTREMES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -1.0,
            Double.MIN_VALUE, 1e-300, 1e-12, 1.0, 1e12, 1e300};
    static final int[] INTS = {Integer.MIN_VALUE, -1, 0, 1, 3, 1000};

    record Case(String argument, boolean valid, Supplier<RidgeMethod> build) {
    }

    static boolean positive(double d) {
        return d > 0 && Double.isFinite(d);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("solveSeeds")
    void ridgeMethodBuilderAcceptsExactlyTheDocumentedValuesAndSolvesHonestly(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        boolean extreme = rnd.nextBoolean();
        double d = extreme ? EXTREMES[rnd.nextInt(EXTREMES.length)] : new double[] {1e-4, 1e-8, 0.5}[rnd.nextInt(3)];
        int n = extreme ? INTS[rnd.nextInt(INTS.length)] : new int[] {50, 500, 10_000}[rnd.nextInt(3)];
        Case c = switch (rnd.nextInt(8)) {
            case 0 -> new Case("innerTolerance", positive(d), () -> RidgeMethod.builder().innerTolerance(d).build());
            case 1 -> new Case("innerToleranceFactor", positive(d),
                    () -> RidgeMethod.builder().innerToleranceFactor(d).build());
            // the floor must also stay below the loosest tolerance (default 1e-4), checked at build()
            case 2 -> new Case("innerToleranceFloor", d >= 0 && d <= 1e-4,
                    () -> RidgeMethod.builder().innerToleranceFloor(d).build());
            case 3 -> new Case("innerMaxIterations", n >= 1, () -> RidgeMethod.builder().innerMaxIterations(n).build());
            case 4 -> new Case("outerStep", false, () -> RidgeMethod.builder().outerStep(null).build());
            case 5 -> new Case("innerSolver", false, () -> RidgeMethod.builder().innerSolver(null).build());
            case 6 -> extreme ? new Case("optimizer", false, () -> RidgeMethod.builder()
                    .innerSolver(InnerSolver.of(null)).build())
                    : new Case("optimizer", true, () -> RidgeMethod.builder().innerSolver(InnerSolver.of(LBFGS.defaults()))
                    .build());
            default -> extreme ? new Case("argOpt", false, () -> RidgeMethod.builder()
                    .innerSolver(InnerSolver.closedForm(null)).build())
                    : new Case("outerStep", true, () -> RidgeMethod.builder().outerStep(
                            ArmijoBacktracking.builder().armijo(0.5).shrink(0.3).build()).build());
        };
        RidgeMethod method = FuzzCalls.unguarded(FuzzCalls.unless(c.valid(), c.argument()), c.build(),
                () -> "d = " + d + ", n = " + n);
        if (method == null) {
            return;
        }
        double s = new double[] {1, 1, 1e-12, 1e12, 1e-300, 1e300}[rnd.nextInt(6)];
        SaddleFunction f = FuzzTest.saddle(s);
        double[] x0 = {rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2)};
        double[] y0 = {rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2), rnd.nextDouble(-2, 2)};
        MinMaxProblem problem = MinMaxProblem.builder(f).start(x0, y0).build();
        SolveOptions options = SolveOptions.builder().maxIterations(100).gradientTolerance(1e-9 * s).build();
        MinMaxResult r = FuzzCalls.guarded(List.of(), () -> method.solve(problem, options), method::toString);
        FuzzTest.assertHonestResult(r, s, null, s == 1);
    }

    // ---------------------------------------------------------------- problem builder and saddle adapters

    /** A projection for a player of dimension {@code dim}, valid or (with {@code fault}) of another dimension. */
    static Projection projection(SplittableRandom rnd, int dim, boolean wrongDimension) {
        int d = wrongDimension ? dim + 1 : dim;
        return switch (rnd.nextInt(4)) {
            case 0 -> BoxProjection.uniform(-3, 3);
            case 1 -> {
                double[] lo = new double[d];
                double[] hi = new double[d];
                Arrays.fill(lo, -3);
                Arrays.fill(hi, 3);
                yield BoxProjection.of(lo, hi);
            }
            case 2 -> BallProjection.centered(d, 10);
            default -> SimplexProjection.of(d, 1.0);
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void problemBuilderRefusesInconsistentInputNamingIt(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nx = 1 + rnd.nextInt(3);
        int ny = 1 + rnd.nextInt(3);
        // the saddle function from a parametric function of (nx, ny)
        SaddleFunction f = SaddleFunction.of(AutoDiff.parametric(nx, ny, (x, y) -> x.squaredNorm().times(0.5)
                .plus(x.sum().times(y.sum())).minus(y.squaredNorm().times(0.5))));
        assertEquals(nx, f.xDimension());
        assertEquals(ny, f.yDimension());
        // half the seeds inject one fault: 0 startX, 1 startY, 2 feasibleX, 3 feasibleY, 4 crossed box,
        // 5 start outside its set, 6 known solution, 7 sense, 8 function
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(9);
        List<String> bad = new ArrayList<>();
        double[] x0 = new double[nx];
        double[] y0 = new double[ny];
        Projection px = rnd.nextInt(3) == 0 ? projection(rnd, nx, fault == 2) : null;
        Projection py = rnd.nextInt(3) == 0 ? projection(rnd, ny, fault == 3) : null;
        // a feasible start for the chosen sets: the projection of a random point
        for (int i = 0; i < nx; i++) {
            x0[i] = rnd.nextDouble(-5, 5);
        }
        for (int i = 0; i < ny; i++) {
            y0[i] = rnd.nextDouble(-5, 5);
        }
        if (px != null && fault != 2) {
            px.project(x0, x0);
        }
        if (py != null && fault != 3) {
            py.project(y0, y0);
        }
        switch (fault) {
            case 0 -> {
                x0 = rnd.nextBoolean() ? null : rnd.nextBoolean() ? new double[nx + 1] : x0.clone();
                if (x0 != null && x0.length == nx) {
                    x0[rnd.nextInt(nx)] = Double.NaN;
                }
                bad.add("startX");
            }
            case 1 -> {
                y0 = rnd.nextBoolean() ? null : new double[ny + 1];
                bad.add("startY");
            }
            case 2 -> {
                if (px == null || px.dimension() == -1) {
                    px = BallProjection.centered(nx + 1, 10);
                }
                bad.add("feasibleX");
            }
            case 3 -> {
                if (py == null || py.dimension() == -1) {
                    py = SimplexProjection.of(ny + 1, 1);
                }
                bad.add("feasibleY");
            }
            case 4 -> {
                // crossed bounds never make a projection
                double lo = rnd.nextDouble(0, 5);
                double hi = lo - rnd.nextDouble(1e-9, 5);
                IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> BoxProjection.uniform(lo, hi));
                assertTrue(e.getMessage().contains("lower") && e.getMessage().contains("upper"), e.getMessage());
                return;
            }
            case 5 -> {
                px = BoxProjection.uniform(-1, 1);
                x0 = new double[nx];
                x0[rnd.nextInt(nx)] = 1 + 1e-6 + rnd.nextDouble();
                bad.add("startX");
            }
            case 6 -> {
                bad.add(rnd.nextBoolean() ? "knownSolution" : "solution");
            }
            case 7 -> bad.add("sense");
            case 8 -> bad.add("function");
            default -> {
            }
        }
        double[] xs = x0;
        double[] ys = y0;
        Projection fx = px;
        Projection fy = py;
        int faultKind = fault;
        MinMaxProblem p = FuzzCalls.unguarded(bad, () -> {
            MinMaxProblem.Builder b = MinMaxProblem.builder(faultKind == 8 ? null : f).start(xs, ys);
            if (fx != null) {
                b.feasibleX(fx);
            }
            if (fy != null) {
                b.feasibleY(fy);
            }
            if (faultKind == 6) {
                if (bad.contains("knownSolution")) {
                    b.knownSolution(new double[nx], null);
                } else {
                    b.knownSolution(new double[nx + 1], new double[ny]);
                }
            } else if (rnd.nextInt(4) == 0) {
                b.knownSolution(new double[nx], new double[ny]);
            }
            if (faultKind == 7) {
                b.sense(null);
            }
            return b.build();
        });
        if (p == null) {
            return;
        }
        assertEquals(nx, p.xDimension());
        assertEquals(ny, p.yDimension());
        // the adapter evaluates exactly, and refuses arrays of the wrong length naming them
        double[] gx = new double[nx];
        double[] gy = new double[ny];
        double v = f.gradients(xs, ys, gx, gy);
        double sx = 0;
        double sy = 0;
        for (double e : xs) {
            sx += e;
        }
        for (double e : ys) {
            sy += e;
        }
        double nxx = 0;
        double nyy = 0;
        for (double e : xs) {
            nxx += e * e;
        }
        for (double e : ys) {
            nyy += e * e;
        }
        assertEquals(0.5 * nxx + sx * sy - 0.5 * nyy, v, 1e-12 * (1 + Math.abs(v)));
        for (int i = 0; i < nx; i++) {
            assertEquals(xs[i] + sy, gx[i], 1e-12 * (1 + Math.abs(gx[i])));
        }
        for (int i = 0; i < ny; i++) {
            assertEquals(sx - ys[i], gy[i], 1e-12 * (1 + Math.abs(gy[i])));
        }
        double[] wrongX = new double[nx + 1];
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> f.gradientX(wrongX, ys, new double[nx]));
        assertTrue(e.getMessage().startsWith("x "), e.getMessage());
        IllegalArgumentException e2 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> f.gradientY(xs, ys, new double[ny + 1]));
        assertTrue(e2.getMessage().contains("Out") || e2.getMessage().contains("out"), e2.getMessage());
        // a saddle adapter over another parametric function refuses this problem's starts by length
        SaddleFunction other = SaddleFunction.of(AutoDiff.parametric(nx + 1, ny, (x, y) -> x.dot(x).plus(y.sum())));
        IllegalArgumentException e3 = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MinMaxProblem.builder(other).start(xs, ys).build());
        assertTrue(e3.getMessage().startsWith("startX"), e3.getMessage());
    }
}
