package org.tandemopt.minmax.solvers;

import org.tandemopt.core.function.Functions;
import org.tandemopt.minmax.MinMaxProblem;

/**
 * Optimistic gradient descent-ascent (OGDA), in Popov's projected form: one gradient evaluation per
 * iteration, the last gradient reused as the extrapolation.
 *
 * <p>Update rule, with {@code z = (x, y)}, {@code F = (∇_x L, −s∇_y L)}, {@code s = +1} for MIN_MAX and
 * {@code −1} for MIN_MIN, steps {@code η = (η_x, η_y)} per player, and a base sequence {@code w}:
 * <pre>
 *   w_{k+1} = Π(w_k − η F(z_k))    (w_1 = z_0)
 *   z_{k+1} = Π(w_{k+1} − η F(z_k))
 * </pre>
 * Without constraints this is exactly {@code z_{k+1} = z_k − 2ηF(z_k) + ηF(z_{k−1})} with
 * {@code F(z_{−1}) = F(z_0)} (so the first step is a plain GDA step); the reported iterate is {@code z_k},
 * where the gradients are evaluated.
 *
 * <p>References: L. D. Popov, "A modification of the Arrow–Hurwicz method for search of saddle points",
 * Math. Notes 28 (1980); Rakhlin, Sridharan, "Optimization, learning, and games with predictable sequences",
 * NeurIPS 2013; Daskalakis, Ilyas, Syrgkanis, Zeng, "Training GANs with optimism", ICLR 2018; Gidel et al.,
 * "A variational inequality perspective on generative adversarial networks", ICLR 2019.
 *
 * <p>When to use: like {@link Extragradient} (monotone problems, bilinear couplings) at half the gradient
 * cost per iteration. Default of {@link #defaults()}: {@code η_x = η_y = 0.01}.
 */
public final class OptimisticGradientDescentAscent extends SaddlePointMethod {

    private final double etaX;
    private final double etaY;

    private OptimisticGradientDescentAscent(double etaX, double etaY) {
        this.etaX = Functions.requirePositive("etaX", etaX);
        this.etaY = Functions.requirePositive("etaY", etaY);
    }

    /** @return OGDA with {@code η_x = η_y = 0.01}. */
    public static OptimisticGradientDescentAscent defaults() {
        return new OptimisticGradientDescentAscent(0.01, 0.01);
    }

    /** @return OGDA with the step {@code η} for both players. */
    public static OptimisticGradientDescentAscent of(double eta) {
        return new OptimisticGradientDescentAscent(eta, eta);
    }

    /** @return OGDA with steps {@code η_x} and {@code η_y}. */
    public static OptimisticGradientDescentAscent of(double etaX, double etaY) {
        return new OptimisticGradientDescentAscent(etaX, etaY);
    }

    @Override
    public void step(MinMaxProblem p, GameState s) {
        keep(s);
        double sy = ySign(p);
        if (!s.first) {
            Players.step(p.feasibleX(), s.xb, -etaX, s.gx, s.xb);
            Players.step(p.feasibleY(), s.yb, sy * etaY, s.gy, s.yb);
        }
        s.first = false;
        // z_{k+1} into the scratch buffers, then swap in
        Players.step(p.feasibleX(), s.xb, -etaX, s.gx, s.scratchX);
        Players.step(p.feasibleY(), s.yb, sy * etaY, s.gy, s.scratchY);
        s.stepNorm = Math.sqrt(Players.distanceSquared(s.scratchX, s.x)
                + Players.distanceSquared(s.scratchY, s.y));
        s.stepSize = etaX;
        System.arraycopy(s.scratchX, 0, s.x, 0, s.x.length);
        System.arraycopy(s.scratchY, 0, s.y, 0, s.y.length);
        evaluateOrStepBack(p, s);
    }

    @Override
    public String describe() {
        return "OptimisticGradientDescentAscent{etaX=" + etaX + ", etaY=" + etaY + "}";
    }

    @Override
    public String toString() {
        return describe();
    }
}
