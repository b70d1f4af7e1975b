package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linalg.LinearOperator;
import org.tandemopt.core.linalg.LinearSolveResult;
import org.tandemopt.core.linalg.LinearSolveStatus;
import org.tandemopt.core.linalg.LinearSolver;
import org.tandemopt.core.linalg.LinearSolvers;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.HeavyBall;
import org.tandemopt.core.optim.INNA;
import org.tandemopt.core.optim.INNAprop;
import org.tandemopt.core.optim.LBFGS;
import org.tandemopt.core.optim.Nesterov;
import org.tandemopt.core.optim.Newton;
import org.tandemopt.core.optim.NewtonCG;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.Optimizer;
import org.tandemopt.core.optim.StepTunedSGD;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of solver-core's most used entry points: the {@link SolveOptions} builder, every
 * {@code core.optim} optimizer's {@code minimize} and every solver {@link LinearSolvers} builds. Each generated
 * call must either throw an {@link IllegalArgumentException} whose message names the offending argument, or
 * return a result with a status — and a result that claims convergence must be true when checked independently.
 * No other exception type, and no hang ({@code assertTimeoutPreemptively} is only a hang guard).
 */
class FuzzTest {

    static final Duration HANG_GUARD = FuzzCalls.HANG_GUARD;

    /** Extreme doubles a careless caller might pass. */
    static final double[] EXTREMES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e300, 1e-12, 1.0, 1e12};

    static final int[] INT_EXTREMES = {Integer.MIN_VALUE, -1, 0, 1, 2, 1000, Integer.MAX_VALUE};

    static LongStream seeds() {
        return LongStream.range(0, 150);
    }

    static void assertNamesArgument(IllegalArgumentException e, String argument) {
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(argument), "message '" + e.getMessage() + "' does not name " + argument);
    }

    // ---------------------------------------------------------------- SolveOptions

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void solveOptionsBuilderAcceptsExactlyTheDocumentedValues(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SolveOptions.Builder b = SolveOptions.builder();
        int setter = rnd.nextInt(6);
        double d = EXTREMES[rnd.nextInt(EXTREMES.length)];
        int n = INT_EXTREMES[rnd.nextInt(INT_EXTREMES.length)];
        String argument;
        boolean valid;
        Runnable call;
        switch (setter) {
            case 0 -> {
                argument = "maxIterations";
                valid = n >= 1;
                call = () -> b.maxIterations(n);
            }
            case 1 -> {
                argument = "maxEvaluations";
                valid = n >= 1;
                call = () -> b.maxEvaluations(n);
            }
            case 2 -> {
                argument = "tolerance";
                valid = d >= 0 && Double.isFinite(d);
                call = () -> b.gradientTolerance(d);
            }
            case 3 -> {
                argument = "divergenceBound";
                valid = d > 0 && Double.isFinite(d);
                call = () -> b.divergenceBound(d);
            }
            case 4 -> {
                Duration t = rnd.nextBoolean() ? null : Duration.ofNanos(n);
                argument = "timeLimit";
                valid = t != null && n > 0;
                call = () -> b.timeLimit(t);
            }
            default -> {
                argument = rnd.nextBoolean() ? "listener" : "convergence";
                valid = false;
                call = argument.equals("listener") ? () -> b.listener(null) : () -> b.convergence(null);
            }
        }
        if (FuzzCalls.runs(FuzzCalls.unless(valid, argument), call, () -> "d = " + d + ", n = " + n)) {
            assertNotNull(b.build());
        }
    }

    // ---------------------------------------------------------------- optimizers

    static final List<Supplier<Optimizer>> OPTIMIZERS = List.of(GradientDescent::defaults,
            () -> HeavyBall.builder(1e-3).momentum(0.5).build(), () -> Nesterov.builder(1e-3).build(),
            LBFGS::defaults, Newton::defaults, NewtonCG::defaults,
            () -> INNA.builder().step(1e-3).build(), () -> INNAprop.builder().learningRate(1e-3).build(),
            () -> StepTunedSGD.builder().alpha(1e-3).build());

    /** {@code s · Rosenbrock(x)} with exact gradient and Hessian-vector product; s may be extreme. */
    static DifferentiableFunction scaledRosenbrock(double s) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return 2; }

            @Override public boolean hasHessianVector() { return true; }

            @Override
            public double value(double[] x) {
                double a = x[1] - x[0] * x[0];
                double c = 1 - x[0];
                return s * (100 * a * a + c * c);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                double a = x[1] - x[0] * x[0];
                double c = 1 - x[0];
                g[0] = s * (-400 * x[0] * a - 2 * c);
                g[1] = s * (200 * a);
                return s * (100 * a * a + c * c);
            }

            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                double h00 = s * (1200 * x[0] * x[0] - 400 * x[1] + 2);
                double h01 = s * (-400 * x[0]);
                out[0] = h00 * v[0] + h01 * v[1];
                out[1] = h01 * v[0] + s * 200 * v[1];
            }
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void optimizersRefuseBadInputOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Optimizer optimizer = OPTIMIZERS.get(rnd.nextInt(OPTIMIZERS.size())).get();
        double scale = new double[] {1, 1e-300, 1e300, 1e-12, 1e12, Double.MIN_VALUE}[rnd.nextInt(6)];
        DifferentiableFunction f = rnd.nextInt(10) == 0 ? null : scaledRosenbrock(scale);
        int kind = rnd.nextInt(7);
        double[] start = switch (kind) {
            case 0 -> null;
            case 1 -> new double[1 + 2 * rnd.nextInt(2)]; // length 1 or 3
            case 2 -> new double[] {EXTREMES[rnd.nextInt(3)], 0.5}; // NaN or ±∞
            case 3 -> new double[] {1e200 * (2 * rnd.nextDouble() - 1), 1e150};
            case 4 -> new double[] {1e-300, -1e-300};
            default -> new double[] {-1.2 + rnd.nextDouble(), 1 + rnd.nextDouble()};
        };
        double tolerance = rnd.nextBoolean() ? 1e-8 : 0;
        SolveOptions options = rnd.nextInt(10) == 0 ? null
                : SolveOptions.builder().maxIterations(300).gradientTolerance(tolerance).build();
        // every invalid argument; the optimizer may check them in any order and must name one of them
        List<String> bad = new java.util.ArrayList<>();
        if (f == null) {
            bad.add("f");
        }
        if (start == null || start.length != 2 || kind == 2) {
            bad.add("start");
        }
        if (options == null) {
            bad.add("options");
        }
        OptimizationResult r = FuzzCalls.guarded(bad, () -> optimizer.minimize(f, start, options));
        if (r != null) {
            assertHonestResult(f, tolerance, r);
        }
    }

    /**
     * A result of minimising a 2-D function {@code f} has a status and a point of length 2; a claimed
     * convergence is checked independently: finite point, true value and true gradient norm within
     * {@code tolerance}.
     */
    static void assertHonestResult(DifferentiableFunction f, double tolerance, OptimizationResult r) {
        assertNotNull(r.termination(), r.toString());
        assertEquals(2, r.point().length);
        if (r.termination().isConverged()) {
            double[] x = r.point();
            double[] g = new double[2];
            double v = f.valueAndGradient(x, g);
            assertTrue(Double.isFinite(x[0]) && Double.isFinite(x[1]), r.toString());
            assertEquals(v, r.value(), Math.abs(v) * 1e-12, r.toString());
            assertTrue(Math.hypot(g[0], g[1]) <= tolerance * (1 + 1e-9), r + " true gradient " + Arrays.toString(g));
        }
    }

    // ---------------------------------------------------------------- mini-batch entry points

    static final ConcurrentDeterminismTest.NoisyLeastSquares DATA =
            new ConcurrentDeterminismTest.NoisyLeastSquares(7, 32, 4);

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void miniBatchRunsRefuseBadInputOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        // half the seeds inject exactly one fault (0 step, 1 objective, 2 batch size, 3 start, 4 options)
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(5);
        List<String> bad = new java.util.ArrayList<>();
        double step = fault == 0 ? new double[] {Double.NaN, Double.POSITIVE_INFINITY, 0, -1}[rnd.nextInt(4)]
                : new double[] {Double.MIN_VALUE, 1e-3, 0.05, 0.05, 10, 1e200}[rnd.nextInt(6)];
        if (fault == 0) {
            bad.add("step");
        }
        ConcurrentDeterminismTest.NoisyLeastSquares objective = fault == 1 ? null : DATA;
        if (fault == 1) {
            bad.add("objective");
        }
        int batch = fault == 2 ? new int[] {Integer.MIN_VALUE, -1, 0, 33, Integer.MAX_VALUE}[rnd.nextInt(5)]
                : new int[] {1, 8, 32}[rnd.nextInt(3)];
        if (fault == 2) {
            bad.add("batchSize");
        }
        double[] start = fault == 3 ? switch (rnd.nextInt(3)) {
            case 0 -> null;
            case 1 -> new double[5];
            default -> new double[] {0, EXTREMES[rnd.nextInt(3)], 0, 0};
        } : rnd.nextInt(5) == 0 ? new double[] {1e200, -1e200, 0, 1} : new double[] {0.5, -0.5, 1, 0};
        if (fault == 3) {
            bad.add("start");
        }
        SolveOptions options = fault == 4 ? null
                : SolveOptions.builder().maxIterations(200).gradientTolerance(1e-9).build();
        if (fault == 4) {
            bad.add("options");
        }
        long samplerSeed = new long[] {Long.MIN_VALUE, -1, 0, 42, Long.MAX_VALUE}[rnd.nextInt(5)];
        OptimizationResult r = FuzzCalls.guarded(bad,
                () -> INNA.builder().step(step).build().minimize(objective, batch, samplerSeed, start, options));
        if (r == null) {
            return;
        }
        assertNotNull(r.termination(), r.toString());
        assertEquals(4, r.point().length);
        if (r.termination().isConverged()) {
            for (double v : r.point()) {
                assertTrue(Double.isFinite(v), r.toString());
            }
            assertTrue(Double.isFinite(r.value()) && r.gradientNorm() <= 1e-9, r.toString());
        }
    }

    // ---------------------------------------------------------------- linear solvers

    static final List<Supplier<LinearSolver>> LINEAR = List.of(LinearSolvers::cg, LinearSolvers::minres,
            LinearSolvers::cholesky, LinearSolvers::lu, () -> LinearSolvers.neumann(0.1, 50));

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearSolverConfigurationAcceptsExactlyTheDocumentedValues(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double d = EXTREMES[rnd.nextInt(EXTREMES.length)];
        int n = INT_EXTREMES[rnd.nextInt(INT_EXTREMES.length)];
        boolean minres = rnd.nextBoolean();
        String argument;
        boolean valid;
        Supplier<LinearSolver> call;
        switch (rnd.nextInt(5)) {
            case 0 -> {
                argument = "relativeTolerance";
                valid = d > 0 && Double.isFinite(d);
                call = minres ? () -> org.tandemopt.core.linalg.Minres.builder().relativeTolerance(d).build()
                        : () -> org.tandemopt.core.linalg.ConjugateGradient.builder().relativeTolerance(d).build();
            }
            case 1 -> {
                argument = "absoluteTolerance";
                valid = d >= 0 && Double.isFinite(d);
                call = minres ? () -> org.tandemopt.core.linalg.Minres.builder().absoluteTolerance(d).build()
                        : () -> org.tandemopt.core.linalg.ConjugateGradient.builder().absoluteTolerance(d).build();
            }
            case 2 -> {
                argument = "maxIterations";
                valid = n >= 1;
                call = minres ? () -> org.tandemopt.core.linalg.Minres.builder().maxIterations(n).build()
                        : () -> org.tandemopt.core.linalg.ConjugateGradient.builder().maxIterations(n).build();
            }
            case 3 -> {
                argument = "alpha";
                valid = d > 0 && Double.isFinite(d);
                call = () -> LinearSolvers.neumann(d, 10);
            }
            default -> {
                argument = "terms";
                valid = n >= 1;
                call = () -> LinearSolvers.neumann(0.1, n);
            }
        }
        LinearSolver solver = FuzzCalls.unguarded(FuzzCalls.unless(valid, argument), call,
                () -> "d = " + d + ", n = " + n);
        if (solver == null) {
            return;
        }
        // a legal configuration solves 2x = 1 (iterations permitting) or says why not
        double[] v = new double[1];
        LinearSolveResult r = assertTimeoutPreemptively(HANG_GUARD,
                () -> solver.solve(LinearOperator.of(DenseMatrix.of(1, 1, new double[] {2})), new double[] {1}, v));
        assertNotNull(r.status());
        if (r.status() == LinearSolveStatus.CONVERGED) {
            // the reported residual is the true one; a tolerance of at least ‖b‖ = 1 (e.g. rtol = 1e12,
            // atol = 1e300) is honestly met by v = 0 with residual 1, any other setting solves the system
            double trueResidual = Math.abs(1 - 2 * v[0]);
            assertEquals(trueResidual, r.residualNorm(), 1e-15, r.toString());
            boolean looseTolerance = argument.endsWith("Tolerance") && d >= 1;
            assertTrue(looseTolerance || trueResidual <= 1e-6, r + " v = " + v[0]);
        }
    }

    /** A symmetric {@code s · Q diag(λ) Qᵀ} with chosen eigenvalues, Q a random Householder reflection. */
    static DenseMatrix symmetric(SplittableRandom rnd, double s, double[] lambda) {
        int d = lambda.length;
        double[] u = new double[d];
        double nn = 0;
        for (int i = 0; i < d; i++) {
            u[i] = rnd.nextDouble() - 0.5;
            nn += u[i] * u[i];
        }
        double[] data = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double sum = 0;
                for (int k = 0; k < d; k++) {
                    double qik = (i == k ? 1 : 0) - 2 * u[i] * u[k] / nn;
                    double qjk = (j == k ? 1 : 0) - 2 * u[j] * u[k] / nn;
                    sum += qik * lambda[k] * qjk;
                }
                data[i * d + j] = s * sum;
            }
        }
        return DenseMatrix.of(d, d, data);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void linearSolversRefuseBadInputOrReportAnHonestStatus(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        LinearSolver solver = LINEAR.get(rnd.nextInt(LINEAR.size())).get();
        int d = 1 + rnd.nextInt(6);
        double s = new double[] {1, 1e-300, 1e300, 1e-150, 1e150, 1e-12}[rnd.nextInt(6)];
        double[] lambda = new double[d];
        int spectrum = rnd.nextInt(4); // SPD, indefinite, singular, contains NaN
        for (int i = 0; i < d; i++) {
            lambda[i] = 1 + 9 * rnd.nextDouble();
        }
        if (spectrum == 1) {
            lambda[0] = -lambda[0];
        } else if (spectrum == 2) {
            lambda[d - 1] = 0;
        }
        DenseMatrix m = symmetric(rnd, s, lambda);
        if (spectrum == 3) {
            double[][] a = m.toRows();
            a[rnd.nextInt(d)][rnd.nextInt(d)] = EXTREMES[rnd.nextInt(3)];
            m = DenseMatrix.of(a);
        }
        LinearOperator a = rnd.nextInt(12) == 0 ? null : LinearOperator.of(m);
        int bKind = rnd.nextInt(6);
        double[] b = switch (bKind) {
            case 0 -> null;
            case 1 -> new double[d + 1];
            case 2 -> {
                double[] v = new double[d];
                v[rnd.nextInt(d)] = EXTREMES[rnd.nextInt(3)];
                yield v;
            }
            default -> {
                double[] v = new double[d];
                for (int i = 0; i < d; i++) {
                    v[i] = (2 * rnd.nextDouble() - 1) * (bKind == 3 ? 1e200 : 1);
                }
                yield v;
            }
        };
        double[] solution = rnd.nextInt(10) == 0 ? new double[d + 2] : new double[d];
        String bad = a == null ? "a" : b == null ? "b" : b.length != d ? null : bKind == 2 ? "b"
                : solution.length != d ? "solution" : null;
        boolean wrongLength = a != null && b != null && b.length != d;
        LinearSolveResult r;
        try {
            r = assertTimeoutPreemptively(HANG_GUARD, () -> solver.solve(a, b, solution));
        } catch (IllegalArgumentException e) {
            if (wrongLength) {
                // b of length d + 1 against a d × d operator: either b or solution or a is named
                assertTrue(e.getMessage().contains("b") || e.getMessage().contains("solution")
                        || e.getMessage().startsWith("a "), e.getMessage());
                return;
            }
            if (bad == null) {
                throw new AssertionError("valid input refused: " + e.getMessage(), e);
            }
            assertNamesArgument(e, bad);
            return;
        }
        if (bad != null || wrongLength) {
            fail((bad == null ? "wrong length" : bad) + " was invalid but the solve returned " + r);
        }
        assertNotNull(r.status(), r.toString());
        if (r.status() == LinearSolveStatus.CONVERGED) {
            // a converged answer is checked independently: finite, and its true residual is the reported one
            double[] av = new double[d];
            a.apply(solution, av);
            double res = 0;
            double bn = 0;
            for (int i = 0; i < d; i++) {
                assertTrue(Double.isFinite(solution[i]), r + " solution " + Arrays.toString(solution));
                res = Math.hypot(res, b[i] - av[i]);
                bn = Math.hypot(bn, b[i]);
            }
            assertTrue(res <= 1e-6 * bn, r + ": true residual " + res + " for ‖b‖ = " + bn + ", spectrum "
                    + spectrum + ", s = " + s);
        }
    }
}
