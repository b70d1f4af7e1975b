package org.tandemopt.minmax;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * A smooth function {@code L(x, y)} of the minimising player's {@code x ∈ R^n} and the other player's
 * {@code y ∈ R^m}, with its two partial gradients {@code ∇_x L} and {@code ∇_y L}. Every oracle writes into
 * an array the caller owns; implementations are pure and thread-safe.
 *
 * <p>Hand-code the three first-order methods, or adapt a {@link ParametricFunction} (for example one built
 * by automatic differentiation) with {@link #of(ParametricFunction)}. Second-order products are optional
 * ({@link #hasSecondOrder()}); no solver of this module needs them today.
 *
 * <p>Counting convention used by the solvers: one call of {@link #gradients}, {@link #gradientX} or
 * {@link #gradientY} is one gradient evaluation; one call of {@link #value} is one value evaluation.
 */
public interface SaddleFunction {

    /** @return {@code n}, the dimension of {@code x}. */
    int xDimension();

    /** @return {@code m}, the dimension of {@code y}. */
    int yDimension();

    /** @return {@code L(x, y)}. */
    double value(double[] x, double[] y);

    /** Computes {@code ∇_x L(x, y)} into {@code out} (length n) and returns {@code L(x, y)}. */
    double gradientX(double[] x, double[] y, double[] out);

    /** Computes {@code ∇_y L(x, y)} into {@code out} (length m) and returns {@code L(x, y)}. */
    double gradientY(double[] x, double[] y, double[] out);

    /**
     * Computes both partial gradients and returns {@code L(x, y)}. Override it when the two share work; the
     * default calls {@link #gradientX} and {@link #gradientY}.
     */
    default double gradients(double[] x, double[] y, double[] gradXOut, double[] gradYOut) {
        gradientX(x, y, gradXOut);
        return gradientY(x, y, gradYOut);
    }

    /** @return whether {@link #hessianYY} and {@link #crossYX} are supported. */
    default boolean hasSecondOrder() {
        return false;
    }

    /** Computes {@code ∇²_yy L(x, y) · v} into {@code out} (v and out of length m). */
    default void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no second-order products");
    }

    /** Computes {@code (∂_x ∇_y L) u} into {@code out} (u of length n, out of length m). */
    default void crossYX(double[] x, double[] y, double[] u, double[] out) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no second-order products");
    }

    /**
     * The restriction {@code y ↦ σ L(x, y)} for a fixed {@code x}, captured by reference (not copied): the
     * view follows later changes of {@code x}, so an inner solver can reuse it without allocation.
     *
     * @param sign {@code σ}, typically {@link Sense#innerSign()}
     */
    default DifferentiableFunction restrictedToY(double[] x, double sign) {
        Functions.requireLength("x", x, xDimension());
        SaddleFunction self = this;
        return new DifferentiableFunction() {
            @Override
            public int dimension() {
                return self.yDimension();
            }

            @Override
            public double value(double[] y) {
                return sign * self.value(x, y);
            }

            @Override
            public double valueAndGradient(double[] y, double[] gradientOut) {
                double v = self.gradientY(x, y, gradientOut);
                if (sign != 1.0) {
                    for (int i = 0; i < gradientOut.length; i++) {
                        gradientOut[i] *= sign;
                    }
                }
                return sign * v;
            }

            @Override
            public boolean hasHessianVector() {
                return self.hasSecondOrder();
            }

            @Override
            public void hessianVector(double[] y, double[] v, double[] out) {
                self.hessianYY(x, y, v, out);
                if (sign != 1.0) {
                    for (int i = 0; i < out.length; i++) {
                        out[i] *= sign;
                    }
                }
            }
        };
    }

    /**
     * Adapts a parametric function {@code h(p, v)} as {@code L(x, y) = h(x, y)}: its parameter becomes
     * {@code x} and its variable becomes {@code y}; second-order products come from {@code h}'s
     * {@code hessianYY} and {@code cross} when it has them.
     */
    static SaddleFunction of(ParametricFunction h) {
        Functions.requireNonNull("h", h);
        return new SaddleFunction() {
            @Override public int xDimension() { return h.parameterDimension(); }
            @Override public int yDimension() { return h.variableDimension(); }
            @Override public double value(double[] x, double[] y) { return h.value(x, y); }

            @Override
            public double gradientX(double[] x, double[] y, double[] out) {
                h.gradientX(x, y, out);
                return h.value(x, y);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                return h.gradientY(x, y, out);
            }

            @Override
            public double gradients(double[] x, double[] y, double[] gx, double[] gy) {
                h.gradientX(x, y, gx);
                return h.gradientY(x, y, gy);
            }

            @Override public boolean hasSecondOrder() { return h.hasSecondOrder(); }
            @Override public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                h.hessianYY(x, y, v, out);
            }
            @Override public void crossYX(double[] x, double[] y, double[] u, double[] out) {
                h.cross(x, y, u, out);
            }
        };
    }
}
