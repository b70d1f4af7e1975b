package org.tandemopt.minmax.solvers;

import org.tandemopt.minmax.SaddleFunction;

/** Saddle functions of REFERENCE-PROBLEMS.md, hand-coded. */
final class Problems {

    private Problems() {
    }

    /** Scalar {@code L(x, y)} given by value and both partial derivatives. */
    interface Scalar {
        double value(double x, double y);

        double dx(double x, double y);

        double dy(double x, double y);
    }

    static SaddleFunction scalar(Scalar s) {
        return new SaddleFunction() {
            @Override public int xDimension() { return 1; }
            @Override public int yDimension() { return 1; }
            @Override public double value(double[] x, double[] y) { return s.value(x[0], y[0]); }

            @Override
            public double gradientX(double[] x, double[] y, double[] out) {
                out[0] = s.dx(x[0], y[0]);
                return s.value(x[0], y[0]);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                out[0] = s.dy(x[0], y[0]);
                return s.value(x[0], y[0]);
            }
        };
    }

    /** M1: {@code L = x y}. */
    static final SaddleFunction BILINEAR = scalar(new Scalar() {
        public double value(double x, double y) { return x * y; }
        public double dx(double x, double y) { return y; }
        public double dy(double x, double y) { return x; }
    });

    /** M2: {@code L = −3x² − y² + 4xy}. */
    static final SaddleFunction NOT_NASH = scalar(new Scalar() {
        public double value(double x, double y) { return -3 * x * x - y * y + 4 * x * y; }
        public double dx(double x, double y) { return -6 * x + 4 * y; }
        public double dy(double x, double y) { return -2 * y + 4 * x; }
    });

    /** M3.1: {@code L = x y − y⁴/4}. */
    static final SaddleFunction HOLDER = scalar(new Scalar() {
        public double value(double x, double y) { return x * y - y * y * y * y / 4; }
        public double dx(double x, double y) { return y; }
        public double dy(double x, double y) { return x - y * y * y; }
    });

    /** M3.2: {@code L = x y − y⁴/4 + (x − 1)²/2}. */
    static final SaddleFunction HOLDER_SHIFTED = scalar(new Scalar() {
        public double value(double x, double y) { return x * y - y * y * y * y / 4 + 0.5 * (x - 1) * (x - 1); }
        public double dx(double x, double y) { return y + x - 1; }
        public double dy(double x, double y) { return x - y * y * y; }
    });

    static final double M32_X = 0.317672196172;
    static final double M32_Y = 0.682327803828;
    static final double M32_VALUE = 0.395353044902;
}
