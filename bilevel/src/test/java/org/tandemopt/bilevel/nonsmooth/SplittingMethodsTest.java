package org.tandemopt.bilevel.nonsmooth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;

/** ISTA, FISTA, Douglas–Rachford and ADMM on B5: same solution, same piggyback Jacobian; adjoint identities. */
class SplittingMethodsTest {

    static final double LAMBDA = 0.1 * LassoB5.lambdaMax();

    static Stream<Arguments> methods() {
        double l = LassoB5.lipschitz();
        ParametricElasticNet lasso = ParametricElasticNet.lasso();
        return Stream.of(
                Arguments.of("ISTA", ForwardBackward.ista(lasso), 3000),
                Arguments.of("DR", DouglasRachford.of(lasso, 1.0 / l), 3000),
                Arguments.of("DR-big-step", DouglasRachford.of(lasso, 0.05), 3000),
                Arguments.of("ADMM", Admm.of(lasso, l), 3000),
                Arguments.of("ADMM-small-rho", Admm.of(lasso, 5.0), 3000));
    }

    /** Piggyback J_{k+1} = A_k J_k + B_k along K steps from y_0 = 0 (n = 1); returns {y_K, J_K} (y rows). */
    static double[][] piggyback(InnerMap map, double[] x, int steps) {
        int size = map.stateSize();
        double[] s = new double[size];
        map.initialState(new double[map.variableDimension()], s);
        map.prepare(x, s);
        double[] next = new double[size];
        double[] j = new double[size];
        double[] jn = new double[size];
        double[] dx = {1.0};
        for (int k = 0; k < steps; k++) {
            map.jvp(x, s, j, dx, jn);
            map.step(x, s, next);
            double[] t = s;
            s = next;
            next = t;
            t = j;
            j = jn;
            jn = t;
        }
        int m = map.variableDimension();
        return new double[][] {java.util.Arrays.copyOf(s, m), java.util.Arrays.copyOf(j, m),
                {map.stationarity(x, s)}};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void reachesTheLassoSolutionAndItsJacobian(String name, InnerAlgorithm method, int steps) {
        double[][] r = piggyback(method.bind(LassoB5.loss()), new double[] {LAMBDA}, steps);
        assertArrayEquals(LassoB5.Y_STAR, r[0], 1e-9, name);
        assertArrayEquals(LassoB5.closedForm(), r[1], 1e-8, name);
        assertTrue(r[2][0] < 1e-9, name + " stationarity " + r[2][0]);
    }

    @Test
    void fistaIteratesReachTheSolutionAndItsDerivativesConvergeToo() {
        double[][] r = piggyback(ForwardBackward.fista(ParametricElasticNet.lasso()).bind(LassoB5.loss()),
                new double[] {LAMBDA}, 3000);
        assertArrayEquals(LassoB5.Y_STAR, r[0], 1e-9);
        assertArrayEquals(LassoB5.closedForm(), r[1], 1e-6);
    }

    static Stream<Arguments> adjointCases() {
        ParametricElasticNet net = ParametricElasticNet.of(ParametricElasticNet.Weighting.PER_FEATURE_LOG, 10, 0.3);
        return Stream.of(
                Arguments.of("ISTA", ForwardBackward.ista(net, 0.03)),
                Arguments.of("FISTA", ForwardBackward.fista(net, 0.03)),
                Arguments.of("DR", DouglasRachford.of(net, 0.05)),
                Arguments.of("ADMM", Admm.of(net, 20.0)));
    }

    /** ⟨a, A u + B w⟩ = ⟨Aᵀa, u⟩ + ⟨Bᵀa, w⟩ and the jvp against central differences of one step (no kink near). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("adjointCases")
    void jvpAndVjpAreAdjointAndMatchFiniteDifferences(String name, InnerAlgorithm method) {
        double[][] a0 = LassoB5.a();
        LeastSquaresLoss h = LeastSquaresLoss.of(a0, LassoB5.b(), 1.0, 10);
        InnerMap map = method.bind(h);
        SplittableRandom rnd = new SplittableRandom(17);
        int size = map.stateSize();
        double[] x = new double[10];
        for (int j = 0; j < 10; j++) {
            x[j] = Math.log(0.5 + rnd.nextDouble());
        }
        double[] s = new double[size];
        double[] u = new double[size];
        double[] a = new double[size];
        for (int i = 0; i < size; i++) {
            s[i] = rnd.nextDouble(-2, 2);
            u[i] = rnd.nextDouble(-1, 1);
            a[i] = rnd.nextDouble(-1, 1);
        }
        if (name.equals("FISTA")) {
            s[size - 1] = 3.7;   // momentum counter τ
            u[size - 1] = 0;
        }
        double[] w = new double[10];
        for (int j = 0; j < 10; j++) {
            w[j] = rnd.nextDouble(-1, 1);
        }
        map.prepare(x, s);
        double[] jv = new double[size];
        map.jvp(x, s, u, w, jv);
        double[] at = new double[size];
        double[] ax = new double[10];
        map.vjp(x, s, a, at, ax);
        double lhs = dot(a, jv);
        double rhs = dot(at, u) + dot(ax, w);
        assertEquals(lhs, rhs, 1e-12 * (1 + Math.abs(lhs)), name);

        double eps = 1e-6;
        double[] sp = s.clone();
        double[] sm = s.clone();
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < size; i++) {
            sp[i] += eps * u[i];
            sm[i] -= eps * u[i];
        }
        for (int j = 0; j < 10; j++) {
            xp[j] += eps * w[j];
            xm[j] -= eps * w[j];
        }
        double[] fp = new double[size];
        double[] fm = new double[size];
        map.step(xp, sp, fp);
        map.step(xm, sm, fm);
        for (int i = 0; i < size; i++) {
            assertEquals((fp[i] - fm[i]) / (2 * eps), jv[i], 1e-6, name + " entry " + i);
        }
    }

    @Test
    void splittingMethodsNeedTheExplicitLeastSquaresLoss() {
        org.tandemopt.core.function.ParametricFunction other = new org.tandemopt.bilevel.nonsmooth.Quadratic(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DouglasRachford.of(ParametricElasticNet.lasso(), 1).bind(other));
        assertTrue(e.getMessage().startsWith("lower"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Admm.of(ParametricElasticNet.lasso(), 0));
        assertTrue(e.getMessage().startsWith("rho"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DouglasRachford.of(null, 1));
        assertTrue(e.getMessage().contains("prox"), e.getMessage());
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
