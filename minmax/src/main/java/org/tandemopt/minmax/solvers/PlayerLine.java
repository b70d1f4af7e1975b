package org.tandemopt.minmax.solvers;

import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.core.optim.prox.Projection;
import org.tandemopt.minmax.SaddleFunction;

/**
 * One player's own objective along its (projected) gradient step with the other player fixed:
 * {@code φ(t) = σ L(Π(u − t σ g), other)}, where the player minimises {@code σ L} ({@code σ = +1} for
 * {@code x}, {@link org.tandemopt.minmax.Sense#innerSign()} for {@code y}). Evaluations are counted on the state.
 */
final class PlayerLine extends ProjectedArc {

    private final SaddleFunction f;
    private final boolean isX;
    private final double sigma;
    private final IterationState counter;
    private final double[] grad;
    private double[] other;

    PlayerLine(SaddleFunction f, boolean isX, double sigma, Projection p, StepRule rule, IterationState counter) {
        super(isX ? f.xDimension() : f.yDimension(), p, rule);
        this.f = f;
        this.isX = isX;
        this.sigma = sigma;
        this.counter = counter;
        this.grad = new double[isX ? f.xDimension() : f.yDimension()];
    }

    PlayerLine reset(double[] u, double[] g, double[] otherPoint) {
        this.other = otherPoint;
        reset(u, g, -sigma);
        return this;
    }

    @Override
    double evaluate(double[] point) {
        counter.countValues(1);
        return sigma * (isX ? f.value(point, other) : f.value(other, point));
    }

    @Override
    double slopeAt(double[] point, double[] direction) {
        counter.countGradients(1);
        if (isX) {
            f.gradientX(point, other, grad);
        } else {
            f.gradientY(other, point, grad);
        }
        double s = 0;
        for (int i = 0; i < grad.length; i++) {
            s += grad[i] * direction[i];
        }
        return sigma * s;
    }
}
