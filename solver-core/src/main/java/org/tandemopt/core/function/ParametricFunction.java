package org.tandemopt.core.function;

/**
 * A smooth function {@code h(x, y)} of a parameter {@code x ∈ R^n} and a variable {@code y ∈ R^m}: the shape
 * of the lower objective {@code g} and of the upper objective {@code f} of a bilevel problem.
 *
 * <p>The five oracles are exactly the blocks every hypergradient formula needs (notation of
 * {@code docs/ARCHITECTURE.md}): {@code ∇_y h}, {@code ∇_x h}, {@code H_yy v = ∇²_yy h · v},
 * {@code H_yxᵀ w} (a vector of {@code R^n}) and {@code H_yx u} (a vector of {@code R^m}), where
 * {@code H_yx = ∂_x ∇_y h} is the {@code m × n} cross block. All outputs go into caller-owned arrays.
 * Implementations are pure and thread-safe.
 *
 * <p>Second-order oracles are optional ({@link #hasSecondOrder()}); an explicit finite-difference adapter
 * ({@link FiniteDifferences#withSecondOrder(ParametricFunction)}) or the automatic differentiation module
 * supplies them.
 */
public interface ParametricFunction {

    /** @return {@code n}, the dimension of the parameter {@code x}. */
    int parameterDimension();

    /** @return {@code m}, the dimension of the variable {@code y}. */
    int variableDimension();

    /** @return {@code h(x, y)}. */
    double value(double[] x, double[] y);

    /** Computes {@code ∇_y h(x, y)} into {@code out} (length m) and returns {@code h(x, y)}. */
    double gradientY(double[] x, double[] y, double[] out);

    /** Computes {@code ∇_x h(x, y)} into {@code out} (length n). */
    void gradientX(double[] x, double[] y, double[] out);

    /** @return whether the three second-order oracles below are supported. */
    default boolean hasSecondOrder() {
        return false;
    }

    /** Computes {@code ∇²_yy h(x, y) · v} into {@code out} (v and out of length m). */
    default void hessianYY(double[] x, double[] y, double[] v, double[] out) {
        throw unsupported("hessianYY");
    }

    /** Computes {@code (∂_x ∇_y h)ᵀ w} into {@code out} (w of length m, out of length n). */
    default void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
        throw unsupported("crossTranspose");
    }

    /** Computes {@code (∂_x ∇_y h) u} into {@code out} (u of length n, out of length m). */
    default void cross(double[] x, double[] y, double[] u, double[] out) {
        throw unsupported("cross");
    }

    /**
     * The restriction {@code y ↦ h(x, y)} for a fixed parameter, as a {@link DifferentiableFunction}.
     * The parameter array is captured by reference (not copied): the view follows later changes of
     * {@code x}, which lets an inner solver be reused across outer iterations without allocation.
     */
    default DifferentiableFunction atParameter(double[] x) {
        Functions.requireLength("x", x, parameterDimension());
        ParametricFunction h = this;
        return new DifferentiableFunction() {
            @Override public int dimension() { return h.variableDimension(); }
            @Override public double value(double[] y) { return h.value(x, y); }
            @Override public double valueAndGradient(double[] y, double[] g) { return h.gradientY(x, y, g); }
            @Override public boolean hasHessianVector() { return h.hasSecondOrder(); }
            @Override public void hessianVector(double[] y, double[] v, double[] out) { h.hessianYY(x, y, v, out); }
        };
    }

    private UnsupportedOperationException unsupported(String oracle) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " has no " + oracle
                + " oracle; define it by automatic differentiation or wrap it with "
                + "FiniteDifferences.withSecondOrder(...)");
    }
}
