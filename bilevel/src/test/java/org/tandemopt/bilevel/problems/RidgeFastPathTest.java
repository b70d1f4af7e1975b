package org.tandemopt.bilevel.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.Ridge;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.NewtonStep;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.core.linalg.ConjugateGradient;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.linalg.LinearSolvers;

/**
 * The fast paths of the peer-comparison benchmark (docs/PERFORMANCE-bilevel.md) against the generic path on
 * the independent test oracles of {@link Ridge} (plain double loops over {@code double[][]}): the data form and
 * the Gram form of {@link RidgeHyperparameters}, unrolled through {@code K} gradient steps of {@code 1/L} and
 * implicit (Newton + conjugate gradient, and Cholesky), agree to 1e-12 relative on seeded peer-style data
 * (Gaussian {@code A}, {@code b = A w + 0.1 noise}, {@code V}, {@code c = V w'}, {@code N_v = N/2}).
 */
class RidgeFastPathTest {

    /** Peer-style data: A (n × p), b, V (n/2 × p), c, and t = −2 + 0.5 u (u uniform in [−1, 1]). */
    static final class Data {
        final double[][] a;
        final double[] b;
        final double[][] v;
        final double[] c;
        final double[] t;

        Data(int n, int p, long seed) {
            SplittableRandom rng = new SplittableRandom(seed);
            int m = n / 2;
            a = gaussian(rng, n, p);
            double[] w = vector(rng, p);
            b = times(a, w);
            for (int i = 0; i < n; i++) {
                b[i] += 0.1 * rng.nextGaussian();
            }
            v = gaussian(rng, m, p);
            c = times(v, vector(rng, p));
            t = new double[p];
            for (int j = 0; j < p; j++) {
                t[j] = -2 + 0.5 * (2 * rng.nextDouble() - 1);
            }
        }

        BilevelProblem reference() {
            ParametricFunction lower = Ridge.lower(a, b, a.length, true, true);
            ParametricFunction upper = Ridge.upper(v, c, v.length, a[0].length);
            return BilevelProblem.of(upper, lower, t, new double[a[0].length]);
        }

        RidgeHyperparameters ridge() {
            return RidgeHyperparameters.perFeature(DenseMatrix.of(a), b, DenseMatrix.of(v), c);
        }

        /** The step 1/L with L = λ_max(AᵀA/N) + max e^{t}, by a long power iteration on the dense Gram matrix. */
        double step() {
            int p = a[0].length;
            double[][] g = new double[p][p];
            for (double[] row : a) {
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < p; k++) {
                        g[j][k] += row[j] * row[k] / a.length;
                    }
                }
            }
            double[] u = new double[p];
            java.util.Arrays.fill(u, 1.0);
            double lambda = 0;
            for (int it = 0; it < 2000; it++) {
                double[] z = new double[p];
                for (int j = 0; j < p; j++) {
                    for (int k = 0; k < p; k++) {
                        z[j] += g[j][k] * u[k];
                    }
                }
                double s = 0;
                for (double e : z) {
                    s += e * e;
                }
                lambda = Math.sqrt(s);
                for (int j = 0; j < p; j++) {
                    u[j] = z[j] / lambda;
                }
            }
            double emax = Double.NEGATIVE_INFINITY;
            for (double e : t) {
                emax = Math.max(emax, Math.exp(e));
            }
            return 1.0 / (lambda + emax);
        }
    }

    static double[][] gaussian(SplittableRandom rng, int r, int c) {
        double[][] a = new double[r][c];
        for (double[] row : a) {
            for (int j = 0; j < c; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        return a;
    }

    static double[] vector(SplittableRandom rng, int p) {
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            w[j] = rng.nextGaussian();
        }
        return w;
    }

    static double[] times(double[][] a, double[] w) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < w.length; j++) {
                r[i] += a[i][j] * w[j];
            }
        }
        return r;
    }

    static double relativeError(double[] got, double[] want) {
        double d = 0;
        double s = 0;
        for (int i = 0; i < want.length; i++) {
            d += (got[i] - want[i]) * (got[i] - want[i]);
            s += want[i] * want[i];
        }
        return Math.sqrt(d / s);
    }

    static Hypergradient unrolled(BilevelProblem p, Data d, int k, Checkpointing memory) {
        return UnrolledDifferentiation.with(memory).estimate(p, GradientStep.fixed(d.step()), d.t,
                new double[d.a[0].length], InnerSchedule.steps(k));
    }

    @ParameterizedTest(name = "n={0} p={1} seed={2}")
    @CsvSource({"60, 10, 1", "120, 30, 2", "40, 60, 3"})
    void unrolledDataAndGramFormsMatchTheGenericPath(int n, int p, long seed) {
        Data d = new Data(n, p, seed);
        Hypergradient want = unrolled(d.reference(), d, 100, Checkpointing.storeAll());
        assertEquals(HypergradientStatus.OK, want.diagnostics().status());
        RidgeHyperparameters ridge = d.ridge();
        Hypergradient data = unrolled(ridge.problem(d.t), d, 100, Checkpointing.storeAll());
        Hypergradient gram = unrolled(ridge.gramForm().problem(d.t), d, 100, Checkpointing.storeAll());
        assertTrue(relativeError(data.gradient(), want.gradient()) < 1e-12, "data form");
        assertTrue(relativeError(gram.gradient(), want.gradient()) < 1e-12, "Gram form");
        assertEquals(want.value(), data.value(), 1e-12 * want.value());
        assertEquals(want.value(), gram.value(), 1e-12 * want.value());
        // the checkpointed runs recompute the same states: same derivative to rounding, fewer stored states
        Hypergradient sqrt = unrolled(ridge.gramForm().problem(d.t), d, 100, Checkpointing.sqrt());
        assertTrue(relativeError(sqrt.gradient(), want.gradient()) < 1e-12, "sqrt checkpointing");
        assertEquals(100, gram.diagnostics().peakStoredStates());
        assertTrue(sqrt.diagnostics().peakStoredStates() <= 20, "2√K states");
    }

    @ParameterizedTest(name = "n={0} p={1} seed={2}")
    @CsvSource({"60, 10, 4", "120, 30, 5", "40, 60, 6"})
    void implicitDataAndGramFormsMatchTheCholeskyReference(int n, int p, long seed) {
        Data d = new Data(n, p, seed);
        // reference: Newton step with Cholesky (exact minimiser of the quadratic), Cholesky adjoint, Ridge oracles
        Hypergradient want = ImplicitDifferentiation.with(LinearSolvers.cholesky()).estimate(d.reference(),
                NewtonStep.of(LinearSolvers.cholesky()), d.t, new double[p], InnerSchedule.steps(1));
        assertEquals(HypergradientStatus.OK, want.diagnostics().status());
        ConjugateGradient cg = ConjugateGradient.builder().relativeTolerance(1e-15).absoluteTolerance(0)
                .build();
        RidgeHyperparameters ridge = d.ridge();
        for (RidgeHyperparameters form : new RidgeHyperparameters[] {ridge, ridge.gramForm()}) {
            Hypergradient h = ImplicitDifferentiation.with(cg).estimate(form.problem(d.t), NewtonStep.of(cg), d.t,
                    new double[p], InnerSchedule.steps(1));
            assertTrue(relativeError(h.gradient(), want.gradient()) < 1e-12,
                    "CG, gram=" + form.isGramForm() + ": " + relativeError(h.gradient(), want.gradient()));
            assertTrue(relativeError(h.inner(), want.inner()) < 1e-12, "w*");
            Hypergradient ch = ImplicitDifferentiation.with(LinearSolvers.cholesky()).estimate(form.problem(d.t),
                    NewtonStep.of(LinearSolvers.cholesky()), d.t, new double[p], InnerSchedule.steps(1));
            assertTrue(relativeError(ch.gradient(), want.gradient()) < 1e-12, "Cholesky, gram=" + form.isGramForm());
        }
    }

    @ParameterizedTest(name = "seed={0}")
    @CsvSource({"7", "8"})
    void gramFormOraclesMatchTheDataForm(long seed) {
        Data d = new Data(50, 12, seed);
        RidgeHyperparameters ridge = d.ridge();
        RidgeHyperparameters gram = ridge.gramForm();
        assertTrue(gram.isGramForm());
        assertFalse(ridge.isGramForm());
        assertSame(gram, gram.gramForm());
        ParametricFunction ref = Ridge.lower(d.a, d.b, d.a.length, true, true);
        ParametricFunction fast = gram.lower();
        SplittableRandom rng = new SplittableRandom(seed + 100);
        double[] w = vector(rng, 12);
        double[] u = vector(rng, 12);
        double[] want = new double[12];
        double[] got = new double[12];
        double vWant = ref.gradientY(d.t, w, want);
        double vGot = fast.gradientY(d.t, w, got);
        assertTrue(relativeError(got, want) < 1e-13);
        assertEquals(vWant, vGot, 1e-13 * (vWant + 1));
        assertEquals(ref.value(d.t, w), fast.value(d.t, w), 1e-14 * vWant);
        ref.hessianYY(d.t, w, u, want);
        fast.hessianYY(d.t, w, u, got);
        assertTrue(relativeError(got, want) < 1e-13);
        // the cached exponentials follow a change of x in place
        double[] x = d.t.clone();
        fast.gradientY(x, w, got);
        x[3] += 1.0;
        ref.gradientY(x, w, want);
        fast.gradientY(x, w, got);
        assertTrue(relativeError(got, want) < 1e-13, "exp cache invalidated when x changes");
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    /** Bytes allocated by one unrolled estimate of k steps (storeAll; the tape is sized by a warm-up run). */
    static long bytesPerEstimate(BilevelProblem p, Data d, int k) {
        org.tandemopt.bilevel.hypergradient.EstimatorSession s = UnrolledDifferentiation.storeAll().open(p,
                GradientStep.fixed(d.step()));
        double[] state = s.initialState(new double[d.a[0].length]);
        s.estimate(d.t, state, k, k, 0);
        java.util.Arrays.fill(state, 0.0);
        long before = allocated();
        s.estimate(d.t, state, k, k, 0);
        return allocated() - before;
    }

    @ParameterizedTest(name = "gram={0}")
    @CsvSource({"false", "true"})
    void noAllocationPerInnerStepInEitherForm(boolean gram) {
        Data d = new Data(60, 10, 9);
        RidgeHyperparameters r = gram ? d.ridge().gramForm() : d.ridge();
        BilevelProblem p = r.problem(d.t);
        long small = bytesPerEstimate(p, d, 1000);
        long large = bytesPerEstimate(p, d, 3000);
        // per estimate: the result and its diagnostics (a few hundred bytes), independent of the number of steps
        assertTrue(large - small <= 1024, small + " bytes for 1000 steps, " + large + " for 3000");
        assertTrue(large < 4096, large + " bytes for 3000 steps");
    }
}
