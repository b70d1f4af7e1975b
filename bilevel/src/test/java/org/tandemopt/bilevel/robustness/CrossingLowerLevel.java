package org.tandemopt.bilevel.robustness;

import org.tandemopt.core.function.ParametricFunction;

/**
 * A bilevel problem whose lower level loses strong convexity at {@code x = c}: with {@code x ∈ R}, {@code y ∈ R²},
 * <pre>
 *   g(x, y) = ½ y₀² + ½ (c − x) y₁² − x y₀,       H_yy = diag(1, c − x)   (positive definite iff x &lt; c),
 *   f(x, y) = ½ (x − a)² + ½ ‖y − t‖²,            t = (1, ½).
 * </pre>
 * For {@code x < c}, {@code y*(x) = (x, 0)} and {@code φ(x) = ½(x − a)² + ½(x − 1)² + ⅛}, so
 * {@code φ'(x) = 2x − a − 1} and {@code x* = (a + 1)/2}. From {@code y₁ = 0} every inner step keeps
 * {@code y₁ = 0} exactly, so the inner iterates stay finite across {@code c}, while {@code ∇_y f} has the
 * component {@code −½} along the eigenvector whose eigenvalue {@code c − x} changes sign: a Krylov solve of
 * {@code H_yy v = ∇_y f} sees the negative curvature once {@code x > c}.
 */
final class CrossingLowerLevel {

    static final double[] T = {1, 0.5};

    private CrossingLowerLevel() {
    }

    static ParametricFunction lower(double c) {
        return new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }

            @Override public int variableDimension() { return 2; }

            @Override
            public double value(double[] x, double[] y) {
                return 0.5 * y[0] * y[0] + 0.5 * (c - x[0]) * y[1] * y[1] - x[0] * y[0];
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                out[0] = y[0] - x[0];
                out[1] = (c - x[0]) * y[1];
                return value(x, y);
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                out[0] = -0.5 * y[1] * y[1] - y[0];
            }

            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                out[0] = v[0];
                out[1] = (c - x[0]) * v[1];
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                out[0] = -w[0] - y[1] * w[1];
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                out[0] = -u[0];
                out[1] = -y[1] * u[0];
            }
        };
    }

    static ParametricFunction upper(double a) {
        return new ParametricFunction() {
            @Override public int parameterDimension() { return 1; }

            @Override public int variableDimension() { return 2; }

            @Override
            public double value(double[] x, double[] y) {
                double d0 = y[0] - T[0];
                double d1 = y[1] - T[1];
                return 0.5 * (x[0] - a) * (x[0] - a) + 0.5 * (d0 * d0 + d1 * d1);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                out[0] = y[0] - T[0];
                out[1] = y[1] - T[1];
                return value(x, y);
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                out[0] = x[0] - a;
            }

            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                out[0] = v[0];
                out[1] = v[1];
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                out[0] = 0;
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                out[0] = 0;
                out[1] = 0;
            }
        };
    }
}
