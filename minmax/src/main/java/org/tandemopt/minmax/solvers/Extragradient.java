package org.tandemopt.minmax.solvers;

import org.tandemopt.core.function.Functions;
import org.tandemopt.minmax.MinMaxProblem;

/**
 * The (projected) extragradient method of Korpelevich: a gradient descent-ascent step to an extrapolated
 * point, then the real step from the current point with the gradients taken there.
 *
 * <p>Update rule, with {@code s = +1} for MIN_MAX and {@code −1} for MIN_MIN:
 * <pre>
 *   x_{k+½} = Π_X(x_k − η_x ∇_x L(x_k, y_k)),          y_{k+½} = Π_Y(y_k + s η_y ∇_y L(x_k, y_k))
 *   x_{k+1} = Π_X(x_k − η_x ∇_x L(x_{k+½}, y_{k+½})),   y_{k+1} = Π_Y(y_k + s η_y ∇_y L(x_{k+½}, y_{k+½}))
 * </pre>
 * Two gradient evaluations per iteration.
 *
 * <p>Reference: G. M. Korpelevich, "The extragradient method for finding saddle points and other problems",
 * Ekonomika i Matematicheskie Metody 12 (1976) 747–756; rates for monotone problems in Nemirovski,
 * "Prox-method with rate of convergence O(1/t)", SIAM J. Optim. 15 (2004); for the bilinear game
 * {@code L = xy} its iteration matrix has modulus {@code √(1 − η² + η⁴)} (Mokhtari, Ozdaglar, Pattathil,
 * AISTATS 2020).
 *
 * <p>When to use: convex–concave (monotone) problems, including constrained matrix games and bilinear
 * couplings where GDA cycles or diverges; it needs {@code η < 1/ℓ} for the Lipschitz constant {@code ℓ} of
 * {@code (∇_x L, −∇_y L)}. It does not fix problems whose minimax point is not a local Nash point (use the
 * {@link RidgeMethod}). Default of {@link #defaults()}: {@code η_x = η_y = 0.01}.
 */
public final class Extragradient extends SaddlePointMethod {

    private final double etaX;
    private final double etaY;

    private Extragradient(double etaX, double etaY) {
        this.etaX = Functions.requirePositive("etaX", etaX);
        this.etaY = Functions.requirePositive("etaY", etaY);
    }

    /** @return extragradient with {@code η_x = η_y = 0.01}. */
    public static Extragradient defaults() {
        return new Extragradient(0.01, 0.01);
    }

    /** @return extragradient with the step {@code η} for both players. */
    public static Extragradient of(double eta) {
        return new Extragradient(eta, eta);
    }

    /** @return extragradient with steps {@code η_x} and {@code η_y}. */
    public static Extragradient of(double etaX, double etaY) {
        return new Extragradient(etaX, etaY);
    }

    @Override
    public void step(MinMaxProblem p, GameState s) {
        keep(s);
        double sy = ySign(p);
        Players.step(p.feasibleX(), s.x, -etaX, s.gx, s.xb);
        Players.step(p.feasibleY(), s.y, sy * etaY, s.gy, s.yb);
        p.function().gradients(s.xb, s.yb, s.gxb, s.gyb);
        s.countGradients(1);
        // x_{k+1} into the extrapolation buffers (no longer needed), then swap in
        Players.step(p.feasibleX(), s.x, -etaX, s.gxb, s.xb);
        Players.step(p.feasibleY(), s.y, sy * etaY, s.gyb, s.yb);
        s.stepNorm = Math.sqrt(Players.distanceSquared(s.xb, s.x) + Players.distanceSquared(s.yb, s.y));
        s.stepSize = etaX;
        System.arraycopy(s.xb, 0, s.x, 0, s.x.length);
        System.arraycopy(s.yb, 0, s.y, 0, s.y.length);
        evaluateOrStepBack(p, s);
    }

    @Override
    public String describe() {
        return "Extragradient{etaX=" + etaX + ", etaY=" + etaY + "}";
    }

    @Override
    public String toString() {
        return describe();
    }
}
