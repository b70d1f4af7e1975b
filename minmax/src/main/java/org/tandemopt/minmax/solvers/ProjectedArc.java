package org.tandemopt.minmax.solvers;

import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.linesearch.LineFunction;
import org.tandemopt.core.linesearch.StepRule;
import org.tandemopt.core.optim.prox.Projection;

/**
 * The line {@code φ(t) = J(p(t))} along the projection arc {@code p(t) = Π(u + t s g)} (a straight ray
 * {@code u + t s g} when there is no projection), for a scalar objective {@code J} supplied by the subclass.
 *
 * <p>With a projection and an Armijo rule of constant {@code c}, the value handed to the rule is shifted to
 * {@code J(p(t)) + (c/t)‖p(t) − u‖² − c t ‖g‖²}, so that the rule's test against the slope {@code −‖g‖²},
 * {@code φ(t) ≤ J(u) − c t ‖g‖²}, is exactly the Armijo rule along the projection arc
 * {@code J(p(t)) ≤ J(u) − (c/t)‖p(t) − u‖²} (Bertsekas, <em>Nonlinear Programming</em>, 3rd ed., 2016,
 * §3.3.1; Beck, <em>First-Order Methods in Optimization</em>, 2017, §10.4.2). Without a projection, or for a
 * rule that is not {@link ArmijoBacktracking}, the plain value {@code J(p(t))} is returned. Allocation-free.
 */
abstract class ProjectedArc implements LineFunction {

    private final Projection projection;
    private final double shift;
    private final double[] trial;
    private double[] base;
    private double[] g;
    private double sign;
    private double gNormSquared;
    private double lastT = Double.NaN;
    private double lastSlope = Double.NaN;

    ProjectedArc(int dimension, Projection projection, StepRule rule) {
        this.projection = projection;
        this.shift = projection != null && rule instanceof ArmijoBacktracking a ? a.armijo() : 0.0;
        this.trial = new double[dimension];
    }

    /** Points the arc at {@code u + t s g}; arrays captured by reference. */
    final ProjectedArc reset(double[] u, double[] gradient, double directionSign) {
        this.base = u;
        this.g = gradient;
        this.sign = directionSign;
        double s = 0;
        for (double v : gradient) {
            s += v * v;
        }
        this.gNormSquared = s;
        this.lastT = Double.NaN;
        return this;
    }

    /** @return {@code ‖g‖²}, the negated slope at 0. */
    final double gradientNormSquared() {
        return gNormSquared;
    }

    /** @return {@code J(point)}; the subclass counts its evaluations. */
    abstract double evaluate(double[] point);

    /** @return {@code ∇J(point)ᵀ direction} after {@link #evaluate} at the same point (for the slope). */
    abstract double slopeAt(double[] point, double[] direction);

    @Override
    public final double value(double t) {
        move(t);
        double v = evaluate(trial);
        if (shift > 0 && t > 0) {
            double d2 = 0;
            for (int i = 0; i < trial.length; i++) {
                double d = trial[i] - base[i];
                d2 += d * d;
            }
            v += shift * (d2 / t - t * gNormSquared);
        }
        return v;
    }

    @Override
    public final double valueAndSlope(double t) {
        double v = value(t);
        // slope of J along the unprojected direction s g (exact when the projection is inactive)
        lastSlope = sign * slopeAt(trial, g);
        return v;
    }

    @Override
    public final double lastSlope() {
        return lastSlope;
    }

    /** @return whether the last evaluation was at {@code t}. */
    final boolean evaluatedAt(double t) {
        return t == lastT;
    }

    /** @return the last trial point (a buffer of this line). */
    final double[] trialPoint() {
        return trial;
    }

    /** Writes {@code p(t)} into {@code out}. */
    final void point(double t, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = base[i] + t * sign * g[i];
        }
        if (projection != null) {
            projection.project(out, out);
        }
    }

    private void move(double t) {
        lastT = t;
        point(t, trial);
    }
}
