package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.hypergradient.ForwardDifferentiation;
import org.tandemopt.bilevel.hypergradient.Hypergradient;
import org.tandemopt.bilevel.hypergradient.HypergradientStatus;
import org.tandemopt.bilevel.hypergradient.NonsmoothImplicitDifferentiation;
import org.tandemopt.bilevel.inner.InnerMap;

/**
 * Seeded random Lasso and elastic-net hyperparameter problems of several sizes, one shared weight or one
 * weight per feature (log-parametrised): the implicit and the piggyback hypergradients agree with central
 * finite differences of the whole solve to 1e-6 relative, on instances checked to be away from kinks.
 */
class RandomInstancesTest {

    static Stream<Arguments> instances() {
        return Stream.of(
                Arguments.of(1L, 40, 10, 0.0, false),
                Arguments.of(2L, 40, 10, 0.0, true),
                Arguments.of(3L, 60, 25, 0.1, false),
                Arguments.of(4L, 60, 25, 0.1, true),
                Arguments.of(5L, 100, 50, 0.0, false),
                Arguments.of(6L, 100, 50, 0.05, true));
    }

    record Instance(BilevelProblem problem, ParametricElasticNet prox, double[] x) {
    }

    static Instance generate(long seed, int rows, int m, double beta, boolean perFeature) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] a = new double[rows][m];
        double[][] v = new double[rows / 2][m];
        double[] yTrue = new double[m];
        for (int j = 0; j < m; j += 3) {
            yTrue[j] = rnd.nextDouble(-2, 2);
        }
        double[] b = new double[rows];
        double[] c = new double[rows / 2];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = gaussian(rnd) / Math.sqrt(rows);
            }
            b[i] = dot(a[i], yTrue) + 0.1 * gaussian(rnd);
        }
        for (int i = 0; i < rows / 2; i++) {
            for (int j = 0; j < m; j++) {
                v[i][j] = gaussian(rnd) / Math.sqrt(rows);
            }
            c[i] = dot(v[i], yTrue) + 0.1 * gaussian(rnd);
        }
        double lambdaMax = 0;
        for (int j = 0; j < m; j++) {
            double s = 0;
            for (int i = 0; i < rows; i++) {
                s += a[i][j] * b[i];
            }
            lambdaMax = Math.max(lambdaMax, Math.abs(s));
        }
        int n = perFeature ? m : 1;
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = Math.log(0.15 * lambdaMax * (perFeature ? 0.5 + rnd.nextDouble() : 1));
        }
        ParametricElasticNet prox = ParametricElasticNet.of(perFeature
                ? ParametricElasticNet.Weighting.PER_FEATURE_LOG : ParametricElasticNet.Weighting.SHARED_LOG, m, beta);
        BilevelProblem p = BilevelProblem.of(LeastSquaresLoss.of(v, c, 1.0, n), LeastSquaresLoss.of(a, b, 1.0, n),
                x, new double[m]);
        return new Instance(p, prox, x);
    }

    /** φ(x) by ISTA to a gradient-mapping norm of 1e-14, warm-started from {@code y}. */
    static double phi(Instance in, double[] x, double[] y) {
        InnerMap map = ForwardBackward.ista(in.prox()).bind(in.problem().lower());
        double[] s = y.clone();
        double[] next = new double[s.length];
        map.prepare(x, s);
        for (int k = 0; k < 200_000; k++) {
            double r = map.step(x, s, next);
            double[] t = s;
            s = next;
            next = t;
            if (r < 1e-14) {
                break;
            }
        }
        return in.problem().upper().value(x, s);
    }

    @ParameterizedTest(name = "seed {0}: {1} x {2}, beta {3}, perFeature {4}")
    @MethodSource("instances")
    void hypergradientsMatchFiniteDifferencesOfTheWholeSolve(long seed, int rows, int m, double beta,
                                                             boolean perFeature) {
        Instance in = generate(seed, rows, m, beta, perFeature);
        double[] x = in.x();
        Hypergradient imp = NonsmoothImplicitDifferentiation.with(in.prox()).estimate(in.problem(),
                ForwardBackward.ista(in.prox()), x, new double[m], InnerSchedule.untilResidual(1e-13, 200_000));
        assertEquals(HypergradientStatus.OK, imp.status(), imp.toString());
        double[] y = imp.inner();

        // away from kinks: every |u_i| is at least 1e-3 (relatively) from its threshold
        InnerMap probe = ForwardBackward.ista(in.prox()).bind(in.problem().lower());
        double eta = 1e-2;
        double[] grad = new double[m];
        in.problem().lower().gradientY(x, y, grad);
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            u[i] = y[i] - eta * grad[i];
        }
        assertEquals(0, in.prox().kinks(x, u, eta, 1e-3, new boolean[m]), "instance too close to a kink");
        assertTrue(probe.stateSize() == m);

        int n = x.length;
        double h = 1e-5;
        double[] fd = new double[n];
        for (int j = 0; j < n; j++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += h;
            xm[j] -= h;
            fd[j] = (phi(in, xp, y) - phi(in, xm, y)) / (2 * h);
        }
        double err = 0;
        double nrm = 0;
        for (int j = 0; j < n; j++) {
            err += (imp.gradient(j) - fd[j]) * (imp.gradient(j) - fd[j]);
            nrm += fd[j] * fd[j];
        }
        assertTrue(Math.sqrt(err) <= 1e-6 * Math.sqrt(nrm), "implicit vs FD: " + Math.sqrt(err / nrm));

        // the piggyback through 'enough' ISTA steps gives the same number
        Hypergradient fwd = ForwardDifferentiation.create().estimate(in.problem(), ForwardBackward.ista(in.prox()),
                x, new double[m], InnerSchedule.untilResidual(1e-13, 200_000));
        double e2 = 0;
        for (int j = 0; j < n; j++) {
            e2 += (fwd.gradient(j) - imp.gradient(j)) * (fwd.gradient(j) - imp.gradient(j));
        }
        assertTrue(Math.sqrt(e2) <= 1e-8 * Math.sqrt(nrm), "forward vs implicit: " + Math.sqrt(e2 / nrm));
    }

    static double gaussian(SplittableRandom rnd) {
        double u1 = rnd.nextDouble();
        double u2 = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
