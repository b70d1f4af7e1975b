package org.tandemopt.core.optim.prox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.core.optim.OptimizationResult;
import org.tandemopt.core.optim.ProximalGradient;

/**
 * Regressions found by {@code ProxFuzzTest}: projections onto sets far from unit size, or of points far from the
 * set, were judged infeasible by their own indicator (absolute tolerance 1e-12) or came back NaN.
 */
class ProjectionScaleRegressionTest {

    @Test
    void simplexProjectionOfAHugeEntryIsAVertex() {
        // before: u_1 − r rounded back to u_1, no threshold was found and the projection was all NaN
        SimplexProjection p = SimplexProjection.of(3, 1.0);
        double[] out = new double[3];
        p.project(new double[] {1e150, 0, 3}, out);
        assertArrayEquals(new double[] {1, 0, 0}, out, 0.0);
        p.project(new double[] {-1e150, -1e150, -1e150 + 2e134}, out);
        assertArrayEquals(new double[] {0, 0, 1}, out, 0.0);
        assertEquals(0.0, p.value(out));
    }

    @Test
    void simplexProjectionKeepsTiesWithinTheRadius() {
        // v = (1e8 + 0.25, 1e8, −5), r = 1: θ = 1e8 − 0.375, Π(v) = (0.625, 0.375, 0), exact after the shift
        SimplexProjection p = SimplexProjection.of(3, 1.0);
        double[] out = new double[3];
        p.project(new double[] {1e8 + 0.25, 1e8, -5}, out);
        assertArrayEquals(new double[] {0.625, 0.375, 0}, out, 0.0);
        assertEquals(1e8 - 0.375, p.threshold(new double[] {1e8 + 0.25, 1e8, -5}), 0.0);
        double[] jw = new double[3];
        p.jacobianVector(new double[] {1e8 + 0.25, 1e8, -5}, 1.0, new double[] {1, 3, 7}, jw);
        assertArrayEquals(new double[] {-1, 1, 0}, jw, 0.0);
    }

    @Test
    void projectionsOntoLargeSetsAreFeasibleForTheirOwnIndicator() {
        // before: ‖Π(v) − c‖ = r(1 + ε) and Σ Π(v) = r(1 + ε) failed the absolute tolerance 1e-12: r(Π(v)) = +∞
        double[] v = {8.38023902421806E9, 5.456335207533786E9};
        double[] out = new double[2];
        BallProjection ball = BallProjection.centered(2, 1e8);
        ball.project(v, out);
        assertEquals(0.0, ball.value(out));
        BallProjection shifted = BallProjection.of(new double[] {1e10, -3e9}, 7.0);
        shifted.project(v, out);
        assertEquals(0.0, shifted.value(out));
        SimplexProjection simplex = SimplexProjection.of(2, 1e8);
        simplex.project(new double[] {0.3e8 + 0.1, 1e8 / 3}, out);
        assertEquals(0.0, simplex.value(out));
        assertEquals(Double.POSITIVE_INFINITY, ball.value(new double[] {1.001e8, 0}));
        assertEquals(Double.POSITIVE_INFINITY, simplex.value(new double[] {0.5e8, 0.5001e8}));
    }

    @Test
    void istaOnALargeBallConvergesInsteadOfReportingAnInfiniteValue() {
        // min ½‖u − a‖² over ‖u‖ ≤ 1e8 with ‖a‖ = 2e8: u* = a/2, value ½‖a/2‖² = 5e15
        double[] a = {1.2e8, 1.6e8};
        OptimizationResult r = ProximalGradient.builder().lipschitz(1).build().minimize(
                shifted(a), BallProjection.centered(2, 1e8), new double[2],
                SolveOptions.builder().gradientTolerance(1e-6).build());
        assertEquals(Termination.CONVERGED_GRADIENT, r.termination(), r.toString());
        assertArrayEquals(new double[] {0.6e8, 0.8e8}, r.point(), 1e-6);
        assertEquals(5e15, r.value(), 1.0);
    }

    /** {@code ½‖u − a‖²}. */
    static DifferentiableFunction shifted(double[] a) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return a.length; }

            @Override
            public double value(double[] u) {
                return valueAndGradient(u, new double[a.length]);
            }

            @Override
            public double valueAndGradient(double[] u, double[] g) {
                double v = 0;
                for (int i = 0; i < a.length; i++) {
                    g[i] = u[i] - a[i];
                    v += 0.5 * g[i] * g[i];
                }
                return v;
            }
        };
    }
}
