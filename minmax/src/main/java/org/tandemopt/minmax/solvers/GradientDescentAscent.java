package org.tandemopt.minmax.solvers;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linesearch.ConstantStep;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.minmax.MinMaxProblem;

/**
 * Gradient descent-ascent (GDA), simultaneous or alternating, with a separate step rule for each player
 * (two-timescale GDA when the steps differ).
 *
 * <p>Update rule, with {@code s = +1} for MIN_MAX ({@code y} ascends) and {@code s = −1} for MIN_MIN:
 * <pre>
 *   simultaneous:  x_{k+1} = Π_X(x_k − η_x ∇_x L(x_k, y_k)),   y_{k+1} = Π_Y(y_k + s η_y ∇_y L(x_k, y_k))
 *   alternating:   x_{k+1} = Π_X(x_k − η_x ∇_x L(x_k, y_k)),   y_{k+1} = Π_Y(y_k + s η_y ∇_y L(x_{k+1}, y_k))
 * </pre>
 * The steps {@code η_x}, {@code η_y} come from any {@link StepRule}: a constant or decaying schedule, or a
 * line-search rule applied to each player's own objective with the other player fixed
 * ({@code t ↦ L(Π_X(x − t∇_x L), y)} for {@code x}, {@code t ↦ −s L(x, Π_Y(y + t s∇_y L))} for {@code y};
 * Armijo along the projection arc when a player is constrained).
 *
 * <p>References: Arrow, Hurwicz, Uzawa, <em>Studies in Linear and Non-Linear Programming</em> (1958) for the
 * method; Heusel et al., "GANs trained by a two time-scale update rule converge to a local Nash equilibrium",
 * NeurIPS 2017 for two timescales; Zhang, Wang, Lessard, Grosse, "Near-optimal local convergence of
 * alternating gradient descent-ascent for minimax optimization", AISTATS 2022 for the alternating variant.
 *
 * <p>When to use: as the baseline. On strongly-convex–strongly-concave problems it converges with small
 * steps (alternating markedly faster than simultaneous); on the bilinear {@code L = xy} the simultaneous
 * version spirals out at the rate {@code √(1 + η²)} per step; on problems whose minimax point is not a local
 * Nash point (REFERENCE-PROBLEMS M2) it diverges — use the {@link RidgeMethod} there.
 *
 * <p>Gradient evaluations: one per simultaneous step, two per alternating step, plus the line evaluations of
 * a line-search rule. Defaults of {@link #builder()}: simultaneous, {@code ConstantStep(0.01)} for both players.
 *
 * <pre>{@code
 * MinMaxResult r = GradientDescentAscent.simultaneous(0.05, 0.05).solve(problem);
 * }</pre>
 */
public final class GradientDescentAscent extends SaddlePointMethod {

    private final boolean alternating;
    private final StepRule ruleX;
    private final StepRule ruleY;

    private GradientDescentAscent(Builder b) {
        this.alternating = b.alternating;
        this.ruleX = b.ruleX;
        this.ruleY = b.ruleY;
    }

    /** @return simultaneous GDA with constant steps {@code η_x}, {@code η_y}. */
    public static GradientDescentAscent simultaneous(double etaX, double etaY) {
        return builder().stepRules(new ConstantStep(checkEta("etaX", etaX)), new ConstantStep(checkEta("etaY", etaY)))
                .build();
    }

    /** @return alternating GDA with constant steps {@code η_x}, {@code η_y}. */
    public static GradientDescentAscent alternating(double etaX, double etaY) {
        return builder().alternating(true)
                .stepRules(new ConstantStep(checkEta("etaX", etaX)), new ConstantStep(checkEta("etaY", etaY)))
                .build();
    }

    private static double checkEta(String name, double eta) {
        return Functions.requirePositive(name, eta);
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** @return whether the players move one after the other. */
    public boolean isAlternating() {
        return alternating;
    }

    @Override
    void prepare(MinMaxProblem p, GameState s) {
        s.searchX = ruleX.newSearch(p.xDimension());
        s.searchY = ruleY.newSearch(p.yDimension());
        s.lineX = new PlayerLine(p.function(), true, 1.0, p.feasibleX(), ruleX, s);
        s.lineY = new PlayerLine(p.function(), false, p.sense().innerSign(), p.feasibleY(), ruleY, s);
    }

    @Override
    public void step(MinMaxProblem p, GameState s) {
        keep(s);
        double sy = ySign(p);
        double sigma = -sy;
        // x player: its own objective L(·, y_k)
        double tx = s.searchX.search(s.lineX.reset(s.x, s.gx, s.y), s.value, -s.lineX.gradientNormSquared(),
                s.x, s.gx);
        if (!(tx > 0)) {
            s.requestTermination(Termination.LINE_SEARCH_FAILED);
            s.stepNorm = 0;
            return;
        }
        Players.step(p.feasibleX(), s.x, -tx, s.gx, s.xb); // x_{k+1} into xb
        double yValue = s.value;
        if (alternating) {
            yValue = p.function().gradientY(s.xb, s.y, s.gy);
            s.countGradients(1);
        }
        double[] xForY = alternating ? s.xb : s.x;
        double ty = s.searchY.search(s.lineY.reset(s.y, s.gy, xForY), sigma * yValue,
                -s.lineY.gradientNormSquared(), s.y, s.gy);
        if (!(ty > 0)) {
            s.requestTermination(Termination.LINE_SEARCH_FAILED);
            s.stepNorm = 0;
            return;
        }
        Players.step(p.feasibleY(), s.y, sy * ty, s.gy, s.yb);
        s.stepNorm = Math.sqrt(Players.distanceSquared(s.xb, s.x) + Players.distanceSquared(s.yb, s.y));
        s.stepSize = tx;
        System.arraycopy(s.xb, 0, s.x, 0, s.x.length);
        System.arraycopy(s.yb, 0, s.y, 0, s.y.length);
        evaluateOrStepBack(p, s);
    }

    @Override
    public String describe() {
        return "GradientDescentAscent{" + (alternating ? "alternating" : "simultaneous") + ", x: " + ruleX
                + ", y: " + ruleY + "}";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Validated builder. */
    public static final class Builder {
        private boolean alternating;
        private StepRule ruleX = new ConstantStep(0.01);
        private StepRule ruleY = new ConstantStep(0.01);

        private Builder() {
        }

        /** Alternating ({@code true}) or simultaneous ({@code false}, the default) updates. */
        public Builder alternating(boolean on) {
            this.alternating = on;
            return this;
        }

        /** The step rules of {@code x} and {@code y} (default {@code ConstantStep(0.01)} each). */
        public Builder stepRules(StepRule forX, StepRule forY) {
            this.ruleX = Functions.requireNonNull("forX", forX);
            this.ruleY = Functions.requireNonNull("forY", forY);
            return this;
        }

        /** @return the solver. */
        public GradientDescentAscent build() {
            return new GradientDescentAscent(this);
        }
    }
}
