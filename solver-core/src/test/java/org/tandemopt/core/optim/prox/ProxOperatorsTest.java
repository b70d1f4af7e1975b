package org.tandemopt.core.optim.prox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proximal operators against closed forms, against a brute-force minimisation of
 * {@code r(u) + ‖u − v‖²/(2t)} (coordinate-wise bisection on the one-sided derivative, which needs nothing but
 * convexity), against the Moreau identity, and their Jacobians against finite differences away from kinks and
 * against the documented selection exactly at kinks.
 */
class ProxOperatorsTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 12);
    }

    // ---------------------------------------------------------------- closed forms

    @Test
    void l1ClosedForm() {
        double[] v = {3, -0.5, 0.2, -2.5, 1.0, 0.0};
        double[] out = new double[6];
        L1Norm.of(2).prox(v, 0.5, out); // threshold 1
        assertArrayEquals(new double[] {2, 0, 0, -1.5, 0, 0}, out, 0);
        L1Norm.weighted(new double[] {0, 1, 0.1, 2, 4, 1}).prox(v, 0.5, out);
        assertArrayEquals(new double[] {3, 0, 0.15, -1.5, 0, 0}, out, 1e-15);
        assertEquals(2 * (3 + 0.5 + 0.2 + 2.5 + 1), L1Norm.of(2).value(v), 1e-14);
        assertEquals(0.05 + 0.02 + 5 + 4, L1Norm.weighted(new double[] {0, 0.1, 0.1, 2, 4, 1}).value(v), 1e-14);
    }

    @Test
    void elasticNetClosedForm() {
        double[] v = {3, -0.5, -2.5};
        double[] out = new double[3];
        ElasticNet.of(2, 3).prox(v, 0.5, out); // soft-threshold at 1, then divide by 2.5
        assertArrayEquals(new double[] {0.8, 0, -0.6}, out, 1e-15);
        assertEquals(2 * 6 + 1.5 * (9 + 0.25 + 6.25), ElasticNet.of(2, 3).value(v), 1e-13);
        // lambda2 = 0 is the lasso, lambda1 = 0 is ridge shrinkage
        ElasticNet.of(0, 3).prox(v, 0.5, out);
        assertArrayEquals(new double[] {1.2, -0.2, -1.0}, out, 1e-15);
    }

    @Test
    void groupL1ClosedForm() {
        // groups {0,1} (norm 5) and {2,3,4} (norm 3), coordinate 5 unpenalised
        double[] v = {3, 4, 1, 2, 2, -7};
        int[][] groups = GroupL1.consecutive(6, 2, 3);
        GroupL1 r = GroupL1.uniform(6, groups, 2);
        double[] out = new double[6];
        r.prox(v, 1, out); // thresholds 2: group 1 scaled by 3/5, group 2 by 1/3
        assertArrayEquals(new double[] {1.8, 2.4, 1.0 / 3, 2.0 / 3, 2.0 / 3, -7}, out, 1e-15);
        r.prox(v, 2, out); // thresholds 4: group 1 by 1/5, group 2 zeroed
        assertArrayEquals(new double[] {0.6, 0.8, 0, 0, 0, -7}, out, 1e-15);
        assertEquals(2 * (5 + 3), r.value(v), 1e-14);
        GroupL1 scaled = GroupL1.sizeScaled(6, groups, 1);
        assertEquals(Math.sqrt(2) * 5 + Math.sqrt(3) * 3, scaled.value(v), 1e-14);
        assertEquals(Math.sqrt(3), scaled.weight(1), 0);
        // singleton groups are the weighted l1 norm
        GroupL1 singles = GroupL1.of(3, new int[][] {{0}, {1}, {2}}, new double[] {1, 0.1, 2});
        L1Norm l1 = L1Norm.weighted(new double[] {1, 0.1, 2});
        double[] a = new double[3];
        double[] b = new double[3];
        singles.prox(new double[] {-3, 0.05, 2.5}, 1, a);
        l1.prox(new double[] {-3, 0.05, 2.5}, 1, b);
        assertArrayEquals(b, a, 1e-15);
    }

    @Test
    void nonNegativeClosedForm() {
        double[] v = {-1, 0, 2.5, -0.0, 1e-300};
        double[] out = new double[5];
        NonNegative.of().prox(v, 7, out);
        assertArrayEquals(new double[] {0, 0, 2.5, 0, 1e-300}, out, 0);
        assertTrue(NonNegative.of().contains(out, 0));
        assertFalse(NonNegative.of().contains(v, 0.5));
        assertTrue(NonNegative.of().contains(v, 1.0));
        assertEquals(Double.POSITIVE_INFINITY, NonNegative.of().value(v));
        assertEquals(0.0, NonNegative.of().value(out));
    }

    // ---------------------------------------------------------------- brute force

    /** Minimiser of a convex 1-D function from its right derivative, by bisection to machine precision. */
    static double argmin1d(DoubleUnaryOperator rightDerivative, double lo, double hi) {
        assertTrue(rightDerivative.applyAsDouble(lo) < 0 && rightDerivative.applyAsDouble(hi) >= 0, "bracket");
        for (int i = 0; i < 2000 && Math.nextUp(lo) < hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (rightDerivative.applyAsDouble(mid) >= 0) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    static double signRight(double u) {
        return u >= 0 ? 1 : -1;
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void l1AndElasticNetMatchBruteForce(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 20;
        double t = 0.1 + 2 * rnd.nextDouble();
        double[] v = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 6 * rnd.nextDouble() - 3;
            w[i] = i % 7 == 0 ? 0 : 2 * rnd.nextDouble();
        }
        double l1 = rnd.nextDouble();
        double l2 = 2 * rnd.nextDouble();
        double[] pw = new double[n];
        double[] pe = new double[n];
        L1Norm.weighted(w).prox(v, t, pw);
        ElasticNet.of(l1, l2).prox(v, t, pe);
        for (int i = 0; i < n; i++) {
            double vi = v[i];
            double wi = w[i];
            double uw = argmin1d(u -> wi * signRight(u) + (u - vi) / t, -10, 10);
            double ue = argmin1d(u -> l1 * signRight(u) + l2 * u + (u - vi) / t, -10, 10);
            assertEquals(uw, pw[i], 1e-14, "weighted L1 coordinate " + i);
            assertEquals(ue, pe[i], 1e-14, "elastic net coordinate " + i);
        }
        // the prox value is below the objective at random competitors
        ProximalOperator[] ops = {L1Norm.weighted(w), ElasticNet.of(l1, l2)};
        double[][] prox = {pw, pe};
        for (int k = 0; k < ops.length; k++) {
            double best = ops[k].value(prox[k]) + sqDist(prox[k], v) / (2 * t);
            double[] u = new double[n];
            for (int trial = 0; trial < 200; trial++) {
                double scale = Math.pow(10, -6 + 6 * rnd.nextDouble());
                for (int i = 0; i < n; i++) {
                    u[i] = prox[k][i] + scale * (2 * rnd.nextDouble() - 1);
                }
                assertTrue(best <= ops[k].value(u) + sqDist(u, v) / (2 * t) + 1e-14, ops[k] + " trial " + trial);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void groupL1IsOptimal(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 12;
        int[][] groups = {{0, 5, 9}, {1, 2}, {3}, {4, 6, 7, 8}}; // 10, 11 unpenalised
        double[] w = {rnd.nextDouble() * 3, rnd.nextDouble() * 3, 0, rnd.nextDouble() * 3};
        GroupL1 r = GroupL1.of(n, groups, w);
        double t = 0.2 + rnd.nextDouble();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 4 * rnd.nextDouble() - 2;
        }
        double[] p = new double[n];
        r.prox(v, t, p);
        // optimality: (v − p)/t ∈ ∂r(p), group by group
        for (int g = 0; g < groups.length; g++) {
            double pn = 0;
            double vn = 0;
            for (int i : groups[g]) {
                pn += p[i] * p[i];
                vn += v[i] * v[i];
            }
            pn = Math.sqrt(pn);
            vn = Math.sqrt(vn);
            if (pn == 0) {
                assertTrue(vn / t <= w[g] + 1e-14, "zeroed group " + g);
            } else {
                for (int i : groups[g]) {
                    assertEquals(w[g] * p[i] / pn, (v[i] - p[i]) / t, 1e-13, "group " + g + " coordinate " + i);
                }
            }
        }
        assertEquals(v[10], p[10], 0);
        assertEquals(v[11], p[11], 0);
        // brute force along each group's ray: u_g = s v_g/‖v_g‖, minimise over s by bisection
        for (int g = 0; g < groups.length; g++) {
            double vn = 0;
            for (int i : groups[g]) {
                vn += v[i] * v[i];
            }
            double norm = Math.sqrt(vn);
            double wg = w[g];
            double s = argmin1d(x -> wg * signRight(x) + (x - norm) / t, -10, 10);
            for (int i : groups[g]) {
                assertEquals(Math.max(s, 0) * v[i] / norm, p[i], 1e-14, "ray minimiser, group " + g);
            }
        }
        // and below random competitors
        double best = r.value(p) + sqDist(p, v) / (2 * t);
        double[] u = new double[n];
        for (int trial = 0; trial < 300; trial++) {
            double scale = Math.pow(10, -6 + 6 * rnd.nextDouble());
            for (int i = 0; i < n; i++) {
                u[i] = p[i] + scale * (2 * rnd.nextDouble() - 1);
            }
            assertTrue(best <= r.value(u) + sqDist(u, v) / (2 * t) + 1e-14, "trial " + trial);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void moreauIdentityForL1(long seed) {
        // v = prox_{t r}(v) + t prox_{r*/t}(v/t), r* the indicator of {|z_i| <= λ_i}: prox_{r*/t} = clip
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 15;
        double[] w = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 2 * rnd.nextDouble();
            v[i] = 8 * rnd.nextDouble() - 4;
        }
        double t = 0.05 + 3 * rnd.nextDouble();
        double[] p = new double[n];
        L1Norm.weighted(w).prox(v, t, p);
        for (int i = 0; i < n; i++) {
            double conj = Math.max(-w[i], Math.min(w[i], v[i] / t));
            assertEquals(v[i], p[i] + t * conj, 1e-14 * (1 + Math.abs(v[i])), "coordinate " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void outMayAliasV(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 9;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 4 * rnd.nextDouble() - 2;
        }
        ProximalOperator[] ops = {L1Norm.of(0.7), ElasticNet.of(0.5, 1), NonNegative.of(),
            GroupL1.uniform(n, GroupL1.consecutive(n, 3, 4), 0.8)};
        for (ProximalOperator op : ops) {
            double[] separate = new double[n];
            op.prox(v, 0.9, separate);
            double[] inPlace = v.clone();
            op.prox(inPlace, 0.9, inPlace);
            assertArrayEquals(separate, inPlace, 0, op.toString());
        }
    }

    // ---------------------------------------------------------------- Jacobians

    @ParameterizedTest
    @MethodSource("seeds")
    void jacobiansMatchFiniteDifferencesAwayFromKinks(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 10;
        double t = 0.5 + rnd.nextDouble();
        double lambda = 0.8;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double a;
            do {
                a = 6 * rnd.nextDouble() - 3;
            } while (Math.abs(Math.abs(a) - t * lambda) < 1e-2 || Math.abs(a) < 1e-2);
            v[i] = a;
        }
        int[][] groups = {{0, 1, 2}, {3, 4}, {5, 6, 7, 8}};
        GroupL1 group = GroupL1.uniform(n, groups, lambda);
        // keep every group away from its kink ‖v_g‖ = tλ
        for (int[] g : groups) {
            double nv = 0;
            for (int i : g) {
                nv += v[i] * v[i];
            }
            if (Math.abs(Math.sqrt(nv) - t * lambda) < 1e-2) {
                for (int i : g) {
                    v[i] *= 1.5;
                }
            }
        }
        ProximalOperator[] ops = {L1Norm.of(lambda), ElasticNet.of(lambda, 0.7), NonNegative.of(), group};
        double h = 1e-6;
        for (ProximalOperator op : ops) {
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                w[i] = 2 * rnd.nextDouble() - 1;
            }
            // directional derivative by central differences vs jacobianVector
            double[] plus = new double[n];
            double[] minus = new double[n];
            double[] vp = new double[n];
            double[] vm = new double[n];
            for (int i = 0; i < n; i++) {
                vp[i] = v[i] + h * w[i];
                vm[i] = v[i] - h * w[i];
            }
            op.prox(vp, t, plus);
            op.prox(vm, t, minus);
            double[] jw = new double[n];
            assertTrue(op.jacobianVector(v, t, w, jw), op + " provides jacobianVector");
            for (int i = 0; i < n; i++) {
                assertEquals((plus[i] - minus[i]) / (2 * h), jw[i], 1e-8, op + " J w, coordinate " + i);
            }
            // out may alias w
            double[] aliased = w.clone();
            op.jacobianVector(v, t, aliased, aliased);
            assertArrayEquals(jw, aliased, 0, op + " aliasing w");
            double[] diag = new double[n];
            if (op.jacobianDiagonal(v, t, diag)) {
                for (int i = 0; i < n; i++) {
                    double[] e = new double[n];
                    e[i] = 1;
                    double[] col = new double[n];
                    op.jacobianVector(v, t, e, col);
                    assertEquals(col[i], diag[i], 0, op + " diagonal " + i);
                }
            } else {
                assertTrue(op instanceof GroupL1, op + " is separable and must give its diagonal");
            }
        }
    }

    @Test
    void jacobianSelectionAtKinksIsTheDocumentedOne() {
        double t = 0.5;
        double[] v = {1.0, -1.0, 3.0, 0.25}; // tλ = 1 with λ = 2: kinks at ±1
        double[] d = new double[4];
        assertTrue(L1Norm.of(2).jacobianDiagonal(v, t, d));
        assertArrayEquals(new double[] {0, 0, 1, 0}, d, 0);
        L1Norm.of(2).withKinkDerivative(0.3).jacobianDiagonal(v, t, d);
        assertArrayEquals(new double[] {0.3, 0.3, 1, 0}, d, 0);
        // zero weight: the identity, no kink even at v = 0
        L1Norm.weighted(new double[] {0, 0, 0, 0}).jacobianDiagonal(new double[] {0, 1, -1, 2}, t, d);
        assertArrayEquals(new double[] {1, 1, 1, 1}, d, 0);

        ElasticNet.of(2, 2).jacobianDiagonal(v, t, d); // shrink 1/(1 + 0.5·2) = 1/2
        assertArrayEquals(new double[] {0, 0, 0.5, 0}, d, 0);
        ElasticNet.of(2, 2).withKinkDerivative(1).jacobianDiagonal(v, t, d);
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0}, d, 0);

        double[] z = {0.0, -0.0, 2, -2};
        NonNegative.of().jacobianDiagonal(z, 1, d);
        assertArrayEquals(new double[] {0, 0, 1, 0}, d, 0);
        NonNegative.of().withKinkDerivative(1).jacobianDiagonal(z, 1, d);
        assertArrayEquals(new double[] {1, 1, 1, 0}, d, 0);

        // group (3, 4) with t w = 5 = ‖v_g‖ exactly: 0 by default, s v vᵀ/‖v‖² when selected
        GroupL1 g = GroupL1.uniform(3, new int[][] {{0, 1}}, 10);
        double[] vg = {3, 4, 7};
        double[] w = {1, 0, 1};
        double[] out = new double[3];
        g.jacobianVector(vg, 0.5, w, out);
        assertArrayEquals(new double[] {0, 0, 1}, out, 0);
        g.withKinkDerivative(0.5).jacobianVector(vg, 0.5, w, out);
        // 0.5 · (v·w)/25 · v = 0.5 · 3/25 · (3, 4)
        assertArrayEquals(new double[] {0.5 * 9 / 25, 0.5 * 12 / 25, 1}, out, 1e-16);
        assertFalse(g.jacobianDiagonal(vg, 0.5, out), "a 2-coordinate group has no diagonal Jacobian");
        // a kink selection must be in the Clarke Jacobian [0, 1]
        for (double bad : new double[] {-0.1, 1.1, Double.NaN}) {
            assertThrowsNaming("kinkDerivative", () -> L1Norm.of(1).withKinkDerivative(bad));
            assertThrowsNaming("kinkDerivative", () -> NonNegative.of().withKinkDerivative(bad));
            assertThrowsNaming("kinkDerivative", () -> ElasticNet.of(1, 1).withKinkDerivative(bad));
            assertThrowsNaming("kinkDerivative", () -> GroupL1.uniform(2, new int[][] {{0, 1}}, 1)
                    .withKinkDerivative(bad));
        }
    }

    @Test
    void nanPropagates() {
        double[] v = {Double.NaN, 1};
        double[] out = new double[2];
        L1Norm.of(5).prox(v, 1, out);
        assertTrue(Double.isNaN(out[0]));
        assertEquals(0, out[1]);
        NonNegative.of().prox(v, 1, out);
        assertTrue(Double.isNaN(out[0]));
        GroupL1.uniform(2, new int[][] {{0, 1}}, 0.1).prox(v, 1, out);
        assertTrue(Double.isNaN(out[0]) && Double.isNaN(out[1]));
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badInputNamesTheArgument() {
        double[] v = {1, 2};
        double[] out = new double[2];
        assertThrowsNaming("lambda", () -> L1Norm.of(-1));
        assertThrowsNaming("lambda", () -> L1Norm.of(Double.NaN));
        assertThrowsNaming("weights[1]", () -> L1Norm.weighted(new double[] {1, -2}));
        assertThrowsNaming("weights", () -> L1Norm.weighted(new double[0]));
        assertThrowsNaming("t", () -> L1Norm.of(1).prox(v, 0, out));
        assertThrowsNaming("t", () -> L1Norm.of(1).prox(v, Double.NaN, out));
        assertThrowsNaming("t", () -> L1Norm.of(1).jacobianDiagonal(v, -1, out));
        assertThrowsNaming("out", () -> L1Norm.of(1).prox(v, 1, new double[3]));
        assertThrowsNaming("v", () -> L1Norm.weighted(new double[] {1, 1, 1}).prox(v, 1, out));
        assertThrowsNaming("u", () -> L1Norm.weighted(new double[] {1, 1, 1}).value(v));
        assertThrowsNaming("lambda1", () -> ElasticNet.of(-1, 0));
        assertThrowsNaming("lambda2", () -> ElasticNet.of(0, Double.POSITIVE_INFINITY));
        assertThrowsNaming("t", () -> ElasticNet.of(1, 1).prox(v, -0.5, out));
        assertThrowsNaming("t", () -> NonNegative.of().prox(v, 0, out));
        assertThrowsNaming("tolerance", () -> NonNegative.of().contains(v, -1));
        assertThrowsNaming("w", () -> NonNegative.of().jacobianVector(v, 1, new double[1], out));
        assertThrowsNaming("groups[1]", () -> GroupL1.uniform(4, new int[][] {{0, 1}, {1, 2}}, 1));
        assertThrowsNaming("groups[0]", () -> GroupL1.uniform(4, new int[][] {{0, 4}}, 1));
        assertThrowsNaming("groups[0]", () -> GroupL1.uniform(4, new int[][] {{}}, 1));
        assertThrowsNaming("groups", () -> GroupL1.uniform(4, null, 1));
        assertThrowsNaming("dimension", () -> GroupL1.uniform(0, new int[][] {{0}}, 1));
        assertThrowsNaming("weights", () -> GroupL1.of(4, new int[][] {{0}, {1}}, new double[] {1}));
        assertThrowsNaming("weights[0]", () -> GroupL1.of(4, new int[][] {{0}}, new double[] {-1}));
        assertThrowsNaming("sizes", () -> GroupL1.consecutive(3, 2, 2));
        assertThrowsNaming("sizes[0]", () -> GroupL1.consecutive(3, 0));
        assertThrowsNaming("v", () -> GroupL1.uniform(4, new int[][] {{0}}, 1).prox(v, 1, out));
    }

    static void assertThrowsNaming(String name, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                call);
        assertTrue(e.getMessage().startsWith(name + " ") || e.getMessage().startsWith(name + "="),
                "message should name " + name + ": " + e.getMessage());
    }

    static double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return s;
    }
}
