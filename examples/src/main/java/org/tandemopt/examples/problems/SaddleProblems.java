package org.tandemopt.examples.problems;

import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.SaddleFunction;

/**
 * The scalar min-max problems of REFERENCE-PROBLEMS.md (M1–M3), hand-coded, with their starts and known
 * solutions:
 * <ul>
 *   <li>M1 {@link #bilinear()}: {@code L = x y} from (1, 1), saddle point (0, 0); GDA spirals out, extragradient
 *       and optimistic GDA converge;</li>
 *   <li>M2 {@link #notNash()}: {@code L = −3x² − y² + 4xy} from (5, 7); (0, 0) is a global minimax point but not
 *       a local Nash point: GDA, extragradient and optimistic GDA diverge, the ridge method converges;</li>
 *   <li>M3.1 {@link #holder()}: {@code L = x y − y⁴/4} from (−1, 0), {@code G(x) = ¾|x|^{4/3}}, minimiser 0;</li>
 *   <li>M3.2 {@link #holderShifted()}: {@code L = x y − y⁴/4 + (x − 1)²/2} from (−1, 0), solution
 *       (0.317672196172, 0.682327803828).</li>
 * </ul>
 */
public final class SaddleProblems {

    private SaddleProblems() {
    }

    /** A scalar {@code L(x, y)} given by value and partial derivatives. */
    private interface Scalar {
        double value(double x, double y);

        double dx(double x, double y);

        double dy(double x, double y);
    }

    private static SaddleFunction scalar(Scalar s) {
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

    private static MinMaxProblem problem(Scalar s, double x0, double y0, double xs, double ys) {
        return MinMaxProblem.builder(scalar(s)).start(new double[] {x0}, new double[] {y0})
                .knownSolution(new double[] {xs}, new double[] {ys}).build();
    }

    /** @return M1, {@code L = x y} from (1, 1), solution (0, 0). */
    public static MinMaxProblem bilinear() {
        return problem(new Scalar() {
            public double value(double x, double y) { return x * y; }
            public double dx(double x, double y) { return y; }
            public double dy(double x, double y) { return x; }
        }, 1, 1, 0, 0);
    }

    /** @return M2, {@code L = −3x² − y² + 4xy} from (5, 7), solution (0, 0). */
    public static MinMaxProblem notNash() {
        return problem(new Scalar() {
            public double value(double x, double y) { return -3 * x * x - y * y + 4 * x * y; }
            public double dx(double x, double y) { return -6 * x + 4 * y; }
            public double dy(double x, double y) { return -2 * y + 4 * x; }
        }, 5, 7, 0, 0);
    }

    /** @return M3.1, {@code L = x y − y⁴/4} from (−1, 0), solution (0, 0). */
    public static MinMaxProblem holder() {
        return problem(new Scalar() {
            public double value(double x, double y) { return x * y - y * y * y * y / 4; }
            public double dx(double x, double y) { return y; }
            public double dy(double x, double y) { return x - y * y * y; }
        }, -1, 0, 0, 0);
    }

    /** The solution of M3.2 to 12 digits, as REFERENCE-PROBLEMS.md gives it: x*, y*, value. */
    public static final double[] HOLDER_SHIFTED_SOLUTION = {0.317672196172, 0.682327803828, 0.395353044902};

    /** @return M3.2, {@code L = x y − y⁴/4 + (x − 1)²/2} from (−1, 0). */
    public static MinMaxProblem holderShifted() {
        return problem(new Scalar() {
            public double value(double x, double y) { return x * y - y * y * y * y / 4 + 0.5 * (x - 1) * (x - 1); }
            public double dx(double x, double y) { return y + x - 1; }
            public double dy(double x, double y) { return x - y * y * y; }
        }, -1, 0, HOLDER_SHIFTED_SOLUTION[0], HOLDER_SHIFTED_SOLUTION[1]);
    }
}
