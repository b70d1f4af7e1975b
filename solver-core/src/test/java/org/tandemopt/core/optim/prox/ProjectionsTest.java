package org.tandemopt.core.optim.prox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Box, simplex and ball projections against brute force and the KKT conditions of
 * {@code min ‖u − v‖²/2 s.t. u ∈ C}, over seeded random inputs.
 */
class ProjectionsTest {

    // ---------------------------------------------------------------- simplex

    /** Brute force: try every support S, θ_S = (Σ_S v − r)/|S|, keep the feasible candidate closest to v. */
    static double[] simplexBruteForce(double[] v, double r) {
        int n = v.length;
        double best = Double.POSITIVE_INFINITY;
        double[] bestU = null;
        for (int mask = 1; mask < (1 << n); mask++) {
            double sum = 0;
            int size = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    sum += v[i];
                    size++;
                }
            }
            double theta = (sum - r) / size;
            double[] u = new double[n];
            boolean ok = true;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    u[i] = v[i] - theta;
                    ok &= u[i] >= 0;
                }
            }
            if (!ok) {
                continue;
            }
            double d = 0;
            for (int i = 0; i < n; i++) {
                d += (u[i] - v[i]) * (u[i] - v[i]);
            }
            if (d < best) {
                best = d;
                bestU = u;
            }
        }
        return bestU;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void simplexMatchesBruteForceAndKkt(int seed) {
        SplittableRandom rnd = new SplittableRandom(1000 + seed);
        for (int trial = 0; trial < 40; trial++) {
            int n = 1 + rnd.nextInt(7);
            double r = 0.1 + 3 * rnd.nextDouble();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = 4 * rnd.nextDouble() - 2;
            }
            SimplexProjection p = SimplexProjection.of(n, r);
            double[] u = new double[n];
            p.project(v, u);
            double[] brute = simplexBruteForce(v, r);
            for (int i = 0; i < n; i++) {
                assertEquals(brute[i], u[i], 1e-12, "seed " + seed + " trial " + trial + " i " + i);
            }
            // KKT: u ≥ 0, Σu = r, u_i = v_i − θ on the support and v_i − θ ≤ 0 off it
            double theta = p.threshold(v);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                assertTrue(u[i] >= 0);
                sum += u[i];
                if (u[i] > 0) {
                    assertEquals(v[i] - theta, u[i], 1e-12);
                } else {
                    assertTrue(v[i] - theta <= 1e-12);
                }
            }
            assertEquals(r, sum, 1e-12);
            assertTrue(p.contains(u, 1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 12, 13})
    void simplexIsClosestAmongRandomFeasiblePointsInHighDimension(int seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 200;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextGaussian();
        }
        SimplexProjection p = SimplexProjection.probability(n);
        double[] u = v.clone();
        p.project(u, u); // in place
        double best = dist2(u, v);
        double[] w = new double[n];
        for (int trial = 0; trial < 200; trial++) {
            // random feasible point near u: move mass between two coordinates
            System.arraycopy(u, 0, w, 0, n);
            int i = rnd.nextInt(n);
            int j = rnd.nextInt(n);
            double m = Math.min(w[i], 0.01 * rnd.nextDouble());
            w[i] -= m;
            w[j] += m;
            assertTrue(dist2(w, v) >= best - 1e-14);
        }
        // variational inequality (v − u)ᵀ(w − u) ≤ 0 for every vertex w = e_k
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += (v[i] - u[i]) * ((i == k ? 1 : 0) - u[i]);
            }
            assertTrue(s <= 1e-12, "vertex " + k + ": " + s);
        }
    }

    @Test
    void simplexKnownValues() {
        double[] u = new double[3];
        SimplexProjection.probability(3).project(new double[] {0.5, 0.5, 0.5}, u);
        assertEquals(1.0 / 3, u[0], 1e-15);
        SimplexProjection.probability(3).project(new double[] {2, 0, -1}, u);
        assertEquals(1.0, u[0], 0);
        assertEquals(0.0, u[1], 0);
        SimplexProjection.of(2, 2).project(new double[] {1.5, 1}, u = new double[2]);
        assertEquals(1.25, u[0], 1e-15);
        assertEquals(0.75, u[1], 1e-15);
    }

    // ---------------------------------------------------------------- box

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void boxIsTheClampAndSatisfiesKkt(int seed) {
        SplittableRandom rnd = new SplittableRandom(2000 + seed);
        int n = 12;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = rnd.nextDouble() - 1;
            hi[i] = lo[i] + (i % 4 == 0 ? 0 : rnd.nextDouble());
        }
        lo[1] = Double.NEGATIVE_INFINITY;
        hi[2] = Double.POSITIVE_INFINITY;
        BoxProjection p = BoxProjection.of(lo, hi);
        double[] v = new double[n];
        double[] u = new double[n];
        double[] jac = new double[n];
        for (int trial = 0; trial < 50; trial++) {
            for (int i = 0; i < n; i++) {
                v[i] = 6 * rnd.nextDouble() - 3;
            }
            p.project(v, u);
            assertTrue(p.contains(u, 0));
            p.jacobianDiagonal(v, 1, jac);
            for (int i = 0; i < n; i++) {
                // KKT of the separable problem: u_i − v_i ≥ 0 at the lower bound, ≤ 0 at the upper, 0 inside
                double res = u[i] - v[i];
                if (u[i] > lo[i] && u[i] < hi[i]) {
                    assertEquals(0.0, res, 0);
                    assertEquals(1.0, jac[i], 0);
                } else if (u[i] == lo[i] && lo[i] < hi[i]) {
                    assertTrue(res >= 0);
                } else if (u[i] == hi[i] && lo[i] < hi[i]) {
                    assertTrue(res <= 0);
                }
                assertEquals(Math.min(hi[i], Math.max(lo[i], v[i])), u[i], 0);
            }
        }
        BoxProjection q = BoxProjection.uniform(-1, 2);
        assertEquals(-1, q.dimension());
        double[] w = {-5, 0.5, 7, 2};
        q.project(w, w);
        assertEquals(-1.0, w[0], 0);
        assertEquals(0.5, w[1], 0);
        assertEquals(2.0, w[2], 0);
        assertTrue(q.contains(w, 0));
        assertFalse(q.contains(new double[] {2.1}, 0.05));
    }

    // ---------------------------------------------------------------- ball

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void ballMatchesClosedFormAndKkt(int seed) {
        SplittableRandom rnd = new SplittableRandom(3000 + seed);
        int n = 5;
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = rnd.nextGaussian();
        }
        double r = 0.5 + rnd.nextDouble();
        BallProjection p = BallProjection.of(c, r);
        double[] v = new double[n];
        double[] u = new double[n];
        for (int trial = 0; trial < 50; trial++) {
            for (int i = 0; i < n; i++) {
                v[i] = c[i] + 2 * rnd.nextGaussian();
            }
            p.project(v, u);
            double dv = Math.sqrt(dist2(v, c));
            if (dv <= r) {
                assertEquals(0.0, Math.sqrt(dist2(u, v)), 0);
            } else {
                // on the sphere, and v − u = μ (u − c) with μ = dv/r − 1 ≥ 0 (KKT multiplier)
                assertEquals(r, Math.sqrt(dist2(u, c)), 1e-12);
                double mu = dv / r - 1;
                for (int i = 0; i < n; i++) {
                    assertEquals(mu * (u[i] - c[i]), v[i] - u[i], 1e-12);
                }
                assertTrue(mu >= 0);
            }
            assertTrue(p.contains(u, 1e-12));
            // brute-force check: no random point of the ball is closer
            double best = dist2(u, v);
            double[] w = new double[n];
            for (int k = 0; k < 20; k++) {
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    w[i] = rnd.nextGaussian();
                    norm += w[i] * w[i];
                }
                double scale = r * Math.pow(rnd.nextDouble(), 1.0 / n) / Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    w[i] = c[i] + scale * w[i];
                }
                assertTrue(dist2(w, v) >= best - 1e-12);
            }
        }
        // huge vectors: no overflow
        BallProjection unit = BallProjection.centered(2, 1);
        double[] big = {3e200, 4e200};
        unit.project(big, big);
        assertEquals(0.6, big[0], 1e-15);
        assertEquals(0.8, big[1], 1e-15);
    }

    // ---------------------------------------------------------------- bad input

    @Test
    void badParametersNameTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxProjection.of(new double[] {0, 2}, new double[] {1, 1}));
        assertTrue(e.getMessage().contains("lower[1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoxProjection.uniform(1, 0));
        assertTrue(e.getMessage().contains("lower"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BoxProjection.uniform(Double.NaN, 0));
        assertTrue(e.getMessage().contains("lower"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BoxProjection.of(new double[] {0}, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("upper"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimplexProjection.of(3, 0));
        assertTrue(e.getMessage().contains("radius"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimplexProjection.of(0, 1));
        assertTrue(e.getMessage().contains("dimension"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BallProjection.of(new double[] {0}, -1));
        assertTrue(e.getMessage().contains("radius"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BallProjection.of(new double[] {Double.NaN}, 1));
        assertTrue(e.getMessage().contains("center[0]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimplexProjection.probability(3).project(new double[2], new double[2]));
        assertTrue(e.getMessage().contains("v"), e.getMessage());
    }

    // ---------------------------------------------------------------- Jacobians

    /** Central differences of the projection along w: (Π(v + hw) − Π(v − hw)) / 2h. */
    static double[] finiteDifference(Projection p, double[] v, double[] w, double h) {
        int n = v.length;
        double[] plus = new double[n];
        double[] minus = new double[n];
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = v[i] + h * w[i];
            b[i] = v[i] - h * w[i];
        }
        p.project(a, plus);
        p.project(b, minus);
        for (int i = 0; i < n; i++) {
            plus[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return plus;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void jacobianVectorProductsMatchFiniteDifferencesAndAreSymmetric(int seed) {
        SplittableRandom rnd = new SplittableRandom(4000 + seed);
        int n = 6;
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = -rnd.nextDouble();
            hi[i] = rnd.nextDouble();
            c[i] = 0.3 * rnd.nextGaussian();
        }
        Projection[] projections = {BoxProjection.of(lo, hi), SimplexProjection.of(n, 1.5),
                BallProjection.of(c, 0.8)};
        double[] v = new double[n];
        double[] w = new double[n];
        double[] z = new double[n];
        double[] jw = new double[n];
        double[] jz = new double[n];
        for (Projection p : projections) {
            for (int trial = 0; trial < 30; trial++) {
                for (int i = 0; i < n; i++) {
                    v[i] = 1.5 * rnd.nextGaussian();
                    w[i] = rnd.nextGaussian();
                    z[i] = rnd.nextGaussian();
                }
                assertTrue(p.jacobianVector(v, 1.0, w, jw));
                double[] fd = finiteDifference(p, v, w, 1e-7);
                for (int i = 0; i < n; i++) {
                    assertEquals(fd[i], jw[i], 1e-6, p + " trial " + trial + " i " + i);
                }
                // the Jacobian of a projection onto a convex set is symmetric: zᵀJw = wᵀJz
                p.jacobianVector(v, 1.0, z, jz);
                double zjw = 0;
                double wjz = 0;
                for (int i = 0; i < n; i++) {
                    zjw += z[i] * jw[i];
                    wjz += w[i] * jz[i];
                }
                assertEquals(zjw, wjz, 1e-12 * (1 + Math.abs(zjw)));
            }
        }
    }

    @Test
    void boxKinkSelection() {
        BoxProjection p = BoxProjection.of(new double[] {0, 0, 1}, new double[] {1, 1, 1});
        double[] v = {0, 1, 1}; // at the lower bound, at the upper bound, a fixed coordinate
        double[] d = new double[3];
        p.jacobianDiagonal(v, 1, d);
        assertEquals(0.0, d[0], 0);
        assertEquals(0.0, d[1], 0);
        assertEquals(0.0, d[2], 0);
        p.withKinkDerivative(1).jacobianDiagonal(v, 1, d);
        assertEquals(1.0, d[0], 0);
        assertEquals(1.0, d[1], 0);
        assertEquals(0.0, d[2], 0);
        double[] jw = new double[3];
        p.withKinkDerivative(0.5).jacobianVector(v, 1, new double[] {2, 4, 8}, jw);
        assertEquals(1.0, jw[0], 0);
        assertEquals(2.0, jw[1], 0);
        assertEquals(0.0, jw[2], 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.withKinkDerivative(2));
        assertTrue(e.getMessage().contains("kinkDerivative"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.prox(v, 0, d));
        assertTrue(e.getMessage().contains("t = 0"), e.getMessage());
    }

    static double dist2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
