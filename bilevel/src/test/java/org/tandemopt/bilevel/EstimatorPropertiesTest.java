package org.tandemopt.bilevel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tandemopt.bilevel.hypergradient.Checkpointing;
import org.tandemopt.bilevel.hypergradient.FiniteDifferenceHypergradient;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.ImplicitDifferentiation;
import org.tandemopt.bilevel.hypergradient.OneStepDifferentiation;
import org.tandemopt.bilevel.hypergradient.TruncatedBackpropagation;
import org.tandemopt.bilevel.hypergradient.UnrolledDifferentiation;
import org.tandemopt.bilevel.inner.GradientStep;
import org.tandemopt.bilevel.inner.HeavyBall;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.Nesterov;
import org.tandemopt.bilevel.inner.NewtonStep;

/**
 * Every estimator on seeded random strongly convex quadratic bilevel problems (lower spectrum log-spaced in
 * [0.1, 1]): against finite differences of the whole inner solve, against each other, against the closed
 * forms of the truncated series, and, once converged, against {@code ∇φ = ∇_x f − H_yxᵀ H_yy⁻¹ ∇_y f}.
 */
class EstimatorPropertiesTest {

    static final double MU = 0.1;
    static final double L = 1.0;

    static double relErr(double[] expected, double[] actual) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < expected.length; i++) {
            num += (expected[i] - actual[i]) * (expected[i] - actual[i]);
            den += expected[i] * expected[i];
        }
        return Math.sqrt(num) / Math.max(Math.sqrt(den), 1e-300);
    }

    static void close(double[] expected, double[] actual, double tol, String what) {
        double e = relErr(expected, actual);
        assertTrue(e <= tol, what + ": relative error " + e + " > " + tol + "\nexpected "
                + java.util.Arrays.toString(expected) + "\nactual   " + java.util.Arrays.toString(actual));
    }

    @ParameterizedTest(name = "n={0}, m={1}, seed={2}")
    @CsvSource({"1, 1, 11", "1, 5, 12", "3, 2, 13", "4, 12, 14", "10, 30, 15", "20, 200, 16"})
    void everyEstimatorAgainstFiniteDifferencesAndClosedForms(int n, int m, long seed) {
        QuadraticBilevel q = QuadraticBilevel.simulated(n, m, MU, L, 1.0, 1.0, 0.5, seed);
        SplittableRandom rnd = new SplittableRandom(seed + 1000);
        double[] x = QuadraticBilevel.gaussianVector(n, 1, rnd);
        double[] y0 = QuadraticBilevel.gaussianVector(m, 1, rnd);
        BilevelProblem p = q.problem(x, y0);
        int k = 30;
        InnerSchedule s = InnerSchedule.steps(k);
        InnerAlgorithm[] inners = m <= 30
                ? new InnerAlgorithm[] {GradientStep.fixed(1 / L), HeavyBall.tuned(MU, L), Nesterov.tuned(MU, L),
                    GradientStep.lipschitzEstimate()}
                : new InnerAlgorithm[] {GradientStep.fixed(1 / L), HeavyBall.tuned(MU, L)};
        for (InnerAlgorithm inner : inners) {
            String tag = inner.describe();
            Hypergradient u = UnrolledDifferentiation.storeAll().estimate(p, inner, x, y0, s);
            assertEquals(HypergradientStatus.OK, u.status(), tag);
            assertEquals(k, u.diagnostics().peakStoredStates());
            if (!(inner.describe().contains("/L"))) {
                // finite differences re-estimate L at x ± h; compare only with fixed steps
                Hypergradient fd = FiniteDifferenceHypergradient.create().estimate(p, inner, x, y0, s);
                close(fd.gradient(), u.gradient(), 1e-7, "unrolled vs finite differences, " + tag);
            }
            close(u.gradient(), ForwardDifferentiation.create().estimate(p, inner, x, y0, s).gradient(), 1e-12,
                    "forward vs reverse, " + tag);
            Hypergradient sq = UnrolledDifferentiation.with(Checkpointing.sqrt()).estimate(p, inner, x, y0, s);
            close(u.gradient(), sq.gradient(), 1e-12, "sqrt checkpointing, " + tag);
            assertTrue(sq.diagnostics().peakStoredStates() <= 2 * (int) Math.ceil(Math.sqrt(k)));
            Hypergradient rc = UnrolledDifferentiation.with(Checkpointing.recursive(3)).estimate(p, inner, x, y0, s);
            close(u.gradient(), rc.gradient(), 1e-12, "recursive checkpointing, " + tag);
            assertTrue(rc.diagnostics().peakStoredStates() <= 3 + 5, "peak " + rc.diagnostics().peakStoredStates());
            close(u.gradient(), TruncatedBackpropagation.lastSteps(k).estimate(p, inner, x, y0, s).gradient(), 1e-13,
                    "full window, " + tag);
        }

        // gradient descent: truncated and one-step against the closed form of the truncated series at y_K
        double eta = 1 / L;
        InnerAlgorithm gd = GradientStep.fixed(eta);
        Hypergradient base = UnrolledDifferentiation.storeAll().estimate(p, gd, x, y0, s);
        double[] yk = base.inner();
        for (int w : new int[] {1, 5}) {
            double[] expected = truncatedSeries(q, x, yk, eta, w);
            HypergradientEstimatorPair pair = new HypergradientEstimatorPair(
                    w == 1 ? OneStepDifferentiation.create().estimate(p, gd, x, y0, s)
                           : TruncatedBackpropagation.lastSteps(w).estimate(p, gd, x, y0, s));
            close(expected, pair.h.gradient(), 1e-11, "window " + w);
            assertEquals(Math.min(w, k), pair.h.diagnostics().peakStoredStates());
        }
        // implicit differentiation at y_K against the closed form at y_K, with a direct and an iterative solve
        close(q.implicitAt(x, yk), ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, gd, x, y0, s)
                .gradient(), 1e-10, "implicit at y_K (LDLT)");
        close(q.implicitAt(x, yk), ImplicitDifferentiation.with(TestSolvers.cg(1e-14, 10 * m)).estimate(p, gd, x, y0, s)
                .gradient(), 1e-10, "implicit at y_K (CG)");

        // converged: every exact-in-the-limit estimator gives the closed-form hypergradient
        double[] truth = q.hypergradient(x);
        InnerSchedule converged = InnerSchedule.steps(400);
        close(truth, ImplicitDifferentiation.with(TestSolvers.ldlt()).estimate(p, gd, x, y0, converged).gradient(),
                1e-10, "implicit, converged");
        close(truth, UnrolledDifferentiation.storeAll().estimate(p, gd, x, y0, converged).gradient(), 1e-10,
                "unrolled, converged");
        close(truth, ForwardDifferentiation.create().estimate(p, HeavyBall.tuned(MU, L), x, y0, converged).gradient(),
                1e-10, "forward through heavy ball, converged");
        if (m <= 30) {
            InnerAlgorithm newton = NewtonStep.of(TestSolvers.ldlt());
            Hypergradient nh = OneStepDifferentiation.create().estimate(p, newton, x, y0, InnerSchedule.steps(2));
            close(truth, nh.gradient(), 1e-10, "one-step through Newton (exact for Newton)");
            close(truth, UnrolledDifferentiation.storeAll().estimate(p, newton, x, y0, InnerSchedule.steps(3))
                    .gradient(), 1e-10, "unrolled through Newton");
        }
        Hypergradient fdConverged = FiniteDifferenceHypergradient.create().estimate(p, gd, x, y0, converged);
        close(truth, fdConverged.gradient(), 1e-7, "finite differences of the converged solve");
    }

    /** {@code ∇_x f − η C Σ_{j<w} (I − ηH)^j ∇_y f} at {@code (x, y)}. */
    static double[] truncatedSeries(QuadraticBilevel q, double[] x, double[] y, double eta, int w) {
        int m = q.m;
        int n = q.n;
        double[] fy = new double[m];
        q.upper().gradientY(x, y, fy);
        double[] term = fy.clone();
        double[] sum = new double[m];
        double[] ht = new double[m];
        for (int j = 0; j < w; j++) {
            for (int i = 0; i < m; i++) {
                sum[i] += term[i];
            }
            QuadraticBilevel.mul(q.h, term, ht);
            for (int i = 0; i < m; i++) {
                term[i] -= eta * ht[i];
            }
        }
        double[] out = new double[n];
        q.upper().gradientX(x, y, out);
        double[] cs = new double[n];
        QuadraticBilevel.mul(q.c, sum, cs);
        for (int i = 0; i < n; i++) {
            out[i] -= eta * cs[i];
        }
        return out;
    }

    private record HypergradientEstimatorPair(Hypergradient h) { }
}
