package org.tandemopt.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.DecayingStep;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;

/**
 * INNA, INNAprop and step-tuned SGD beyond the O1 traces: full-gradient convergence, mini-batch runs
 * (reproducible from the seed, equal to the full-gradient run when the batch is everything, the same batch for
 * both half-steps of step-tuned SGD, convergence in the interpolation regime) and bad input.
 */
class LearningOptimizersTest {

    /** {@code J(x) = (1/N) Σ ½(a_iᵀx − b_i)²} with a consistent system: every {@code J_i} is minimal at x*. */
    static final class FiniteSumLeastSquares implements StochasticObjective {
        final double[][] a;
        final double[] b;
        final double[] solution;

        FiniteSumLeastSquares(long seed, int samples, int dimension) {
            SplittableRandom rnd = new SplittableRandom(seed);
            a = new double[samples][dimension];
            b = new double[samples];
            solution = new double[dimension];
            for (int j = 0; j < dimension; j++) {
                solution[j] = 2 * rnd.nextDouble() - 1;
            }
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < dimension; j++) {
                    a[i][j] = 2 * rnd.nextDouble() - 1;
                    b[i] += a[i][j] * solution[j];
                }
            }
        }

        @Override public int dimension() { return solution.length; }
        @Override public int sampleCount() { return b.length; }

        @Override
        public double valueAndGradient(double[] x, int[] batch, int batchSize, double[] g) {
            Arrays.fill(g, 0);
            double v = 0;
            for (int k = 0; k < batchSize; k++) {
                int i = batch[k];
                double r = -b[i];
                for (int j = 0; j < x.length; j++) {
                    r += a[i][j] * x[j];
                }
                v += 0.5 * r * r;
                for (int j = 0; j < x.length; j++) {
                    g[j] += a[i][j] * r / batchSize;
                }
            }
            return v / batchSize;
        }
    }

    static final FiniteSumLeastSquares DATA = new FiniteSumLeastSquares(42, 40, 5);

    @Test
    void fullGradientConvergenceOnO1() {
        SolveOptions o = SolveOptions.builder().maxIterations(100_000).gradientTolerance(1e-8).build();
        OptimizationResult inna = INNA.defaults().minimize(O1TracesTest.J, O1TracesTest.THETA0, o);
        OptimizationResult sgd = StepTunedSGD.builder().alpha(0.05).build()
                .minimize(O1TracesTest.J, O1TracesTest.THETA0, o);
        OptimizationResult prop = INNAprop.builder().learningRate(0.01).weightDecay(0).build()
                .minimize(O1TracesTest.J, O1TracesTest.THETA0, o);
        for (OptimizationResult r : List.of(inna, sgd, prop)) {
            assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
            assertArrayEquals(new double[] {0, 0}, r.point(), 1e-8, r.toString()); // ‖θ‖ ≤ ‖∇J(θ)‖ here
            assertEquals(0.5 * (Math.pow(r.point()[0], 2) + 10 * Math.pow(r.point()[1], 2)), r.value(), 0);
        }
        // one gradient per INNA / INNAprop iteration, two per step-tuned SGD iteration
        assertEquals(inna.iterations() + 1, inna.gradientEvaluations());
        assertEquals(prop.iterations() + 1, prop.gradientEvaluations());
        assertEquals(2L * sgd.iterations() + 1, sgd.gradientEvaluations());
    }

    @Test
    void innaWithADecayingSchedule() {
        // γ_k = 0.1 / √(1 + k): the first step equals the constant-step one, the second is smaller
        INNA inna = INNA.builder().schedule(new DecayingStep(0.1, 1, 0.5)).build();
        INNA.State s = inna.start(O1TracesTest.J, O1TracesTest.THETA0);
        inna.step(O1TracesTest.J, s);
        assertArrayEquals(new double[] {0.99, 0.9}, s.point(), 1e-15);
        // step 2 by hand with γ = 0.1/√2 from θ = (0.99, 0.9), ψ = (0.95, 0.95)
        double g = 0.1 / Math.sqrt(2);
        double[] th = {0.99, 0.9};
        double[] psi = {0.95, 0.95};
        double[] grad = {0.99, 9};
        double[] expected = new double[2];
        for (int i = 0; i < 2; i++) {
            double phase = (0.5 - 10) * th[i] + psi[i] / 0.1;
            expected[i] = th[i] - g * (phase + 0.1 * grad[i]);
        }
        inna.step(O1TracesTest.J, s);
        assertArrayEquals(expected, s.point(), 1e-15);
    }

    @Test
    void fullBatchEqualsFullGradient() {
        double[] x0 = {0.5, -0.5, 0.25, 0, 1};
        SolveOptions o = SolveOptions.builder().maxIterations(50).gradientTolerance(0).build();
        int n = DATA.sampleCount();
        assertArrayEquals(INNA.defaults().minimize(DATA.asFunction(), x0, o).point(),
                INNA.defaults().minimize(DATA, n, 7, x0, o).point(), 1e-13);
        INNAprop prop = INNAprop.builder().learningRate(0.01).build();
        assertArrayEquals(prop.minimize(DATA.asFunction(), x0, o).point(),
                prop.minimize(DATA, n, 7, x0, o).point(), 1e-13);
        StepTunedSGD sgd = StepTunedSGD.defaults();
        assertArrayEquals(sgd.minimize(DATA.asFunction(), x0, o).point(),
                sgd.minimize(DATA, n, 7, x0, o).point(), 1e-13);
    }

    @Test
    void miniBatchRunsAreReproducibleFromTheSeed() {
        double[] x0 = new double[5];
        SolveOptions o = SolveOptions.builder().maxIterations(200).gradientTolerance(0).build();
        for (Object method : List.of(INNA.defaults(), INNAprop.defaults(), StepTunedSGD.defaults())) {
            double[] a = run(method, 8, 1234, x0, o).point();
            double[] b = run(method, 8, 1234, x0, o).point();
            double[] c = run(method, 8, 999, x0, o).point();
            assertArrayEquals(a, b, 0, method + ": same seed, same run");
            assertFalse(Arrays.equals(a, c), method + ": another seed, another run");
        }
    }

    static OptimizationResult run(Object method, int batch, long seed, double[] x0, SolveOptions o) {
        if (method instanceof INNA m) {
            return m.minimize(DATA, batch, seed, x0, o);
        }
        if (method instanceof INNAprop m) {
            return m.minimize(DATA, batch, seed, x0, o);
        }
        return ((StepTunedSGD) method).minimize(DATA, batch, seed, x0, o);
    }

    @Test
    void stepTunedSgdEvaluatesBothHalfStepsOnOneBatch() {
        List<int[]> batches = new ArrayList<>();
        StochasticObjective logging = new StochasticObjective() {
            @Override public int dimension() { return DATA.dimension(); }
            @Override public int sampleCount() { return DATA.sampleCount(); }
            @Override public double valueAndGradient(double[] x, int[] batch, int size, double[] g) {
                int[] sorted = Arrays.copyOf(batch, size);
                Arrays.sort(sorted);
                batches.add(sorted);
                return DATA.valueAndGradient(x, batch, size, g);
            }
        };
        StepTunedSGD.defaults().minimize(logging, 6, 5, new double[5],
                SolveOptions.builder().maxIterations(30).gradientTolerance(0).build());
        assertEquals(61, batches.size(), "the start and two per iteration");
        // evaluation 2k (at θ_k, drawn at the end of the previous iteration) and 2k+1 (at θ½) share a batch
        int changes = 0;
        for (int k = 0; k < 30; k++) {
            assertArrayEquals(batches.get(2 * k), batches.get(2 * k + 1), "iteration " + k);
            assertEquals(6, Arrays.stream(batches.get(2 * k)).distinct().count(), "distinct samples");
            if (!Arrays.equals(batches.get(2 * k), batches.get(2 * k + 2))) {
                changes++;
            }
        }
        assertEquals(30, changes, "a fresh batch every iteration");
    }

    @Test
    void miniBatchInterpolationRegimeConverges() {
        // consistent system: the noise of the batch gradient vanishes at x*, so constant-step INNA converges
        // linearly with mini-batches of 4 out of 40
        OptimizationResult inna = INNA.builder().step(0.5).build().minimize(DATA, 4, 11, new double[5],
                SolveOptions.builder().maxIterations(4000).gradientTolerance(0).build());
        assertArrayEquals(DATA.solution, inna.point(), 1e-9, inna.toString());
        OptimizationResult sgd = StepTunedSGD.builder().alpha(0.5).build().minimize(DATA, 4, 11, new double[5],
                SolveOptions.builder().maxIterations(4000).gradientTolerance(0).build());
        assertArrayEquals(DATA.solution, sgd.point(), 1e-9, sgd.toString());
    }

    @Test
    void badInputNamesTheArgument() {
        assertThrowsNaming("step", () -> INNA.builder().step(0));
        assertThrowsNaming("alpha", () -> INNA.builder().alpha(-1));
        assertThrowsNaming("beta", () -> INNA.builder().beta(0));
        assertThrowsNaming("schedule", () -> INNA.builder().schedule(ArmijoBacktracking.defaults()));
        assertThrowsNaming("schedule", () -> INNA.builder().schedule(null));
        assertThrowsNaming("learningRate", () -> INNAprop.builder().learningRate(-1e-3));
        assertThrowsNaming("learningRate", () -> INNAprop.builder().learningRate(0.95).build());
        assertThrowsNaming("sigma", () -> INNAprop.builder().sigma(1));
        assertThrowsNaming("epsilon", () -> INNAprop.builder().epsilon(0));
        assertThrowsNaming("weightDecay", () -> INNAprop.builder().weightDecay(-0.1));
        assertThrowsNaming("weightDecay", () -> INNAprop.builder().learningRate(0.5).weightDecay(2).build());
        assertThrowsNaming("alpha", () -> StepTunedSGD.builder().alpha(0));
        assertThrowsNaming("nu", () -> StepTunedSGD.builder().nu(Double.NaN));
        assertThrowsNaming("beta", () -> StepTunedSGD.builder().beta(1));
        assertThrowsNaming("m", () -> StepTunedSGD.builder().bounds(3, 2));
        assertThrowsNaming("delta", () -> StepTunedSGD.builder().delta(0));
        assertThrowsNaming("start", () -> INNA.defaults().minimize(O1TracesTest.J, new double[3]));
        assertThrowsNaming("start[0]", () -> INNAprop.defaults().minimize(O1TracesTest.J,
                new double[] {Double.POSITIVE_INFINITY, 0}));
        assertThrowsNaming("f", () -> StepTunedSGD.defaults().minimize(null, new double[2]));
        assertThrowsNaming("batchSize", () -> INNA.defaults().minimize(DATA, 0, 1, new double[5],
                SolveOptions.defaults()));
        assertThrowsNaming("batchSize", () -> StepTunedSGD.defaults().minimize(DATA, 41, 1, new double[5],
                SolveOptions.defaults()));
        assertThrowsNaming("objective", () -> INNAprop.defaults().minimize(null, 1, 1, new double[5],
                SolveOptions.defaults()));
        assertThrowsNaming("options", () -> INNA.defaults().minimize(O1TracesTest.J, new double[2], null));
    }

    static void assertThrowsNaming(String name, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                call);
        assertTrue(e.getMessage().startsWith(name + " "), "message should name " + name + ": " + e.getMessage());
    }
}
