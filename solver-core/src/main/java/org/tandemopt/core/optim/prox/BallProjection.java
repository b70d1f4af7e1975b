package org.tandemopt.core.optim.prox;

import java.util.Arrays;

import org.tandemopt.core.function.Functions;

/**
 * The Euclidean projection onto the closed ball {@code C = {u : ‖u − c‖ ≤ r}}:
 * {@code Π_C(v) = v} inside, else {@code c + r (v − c)/‖v − c‖}.
 *
 * <p><b>Jacobian</b> ({@link #jacobianVector}; it is not diagonal): the identity inside the ball; outside,
 * {@code (r/‖v − c‖)(I − nnᵀ)} with {@code n = (v − c)/‖v − c‖}; exactly on the sphere the Clarke Jacobian
 * is the segment between the two and the outside formula is selected (the constraint treated as binding,
 * like the 0 selection of the separable operators of this package).
 *
 * <p>Immutable, thread-safe and allocation-free; the centre is copied. The norm is computed with one pass
 * and a rescaled second pass only when the squared norm would overflow or underflow.
 */
public final class BallProjection implements Projection {

    private final double[] center;
    private final double radius;

    private BallProjection(double[] center, double radius) {
        this.center = center;
        this.radius = radius;
    }

    /**
     * The ball of centre {@code center} (copied) and radius {@code radius}.
     *
     * @throws IllegalArgumentException if {@code center} is null, empty or not finite, or {@code radius} is not
     *                                  a finite number {@code ≥ 0}
     */
    public static BallProjection of(double[] center, double radius) {
        Functions.requireNonNull("center", center);
        if (center.length == 0) {
            throw new IllegalArgumentException("center has length 0, expected at least 1");
        }
        Functions.requireFinite("center", center, center.length);
        Functions.requireNonNegative("radius", radius);
        return new BallProjection(center.clone(), radius);
    }

    /** The ball of radius {@code radius} centred at the origin of {@code R^dimension}. */
    public static BallProjection centered(int dimension, double radius) {
        Functions.requireAtLeast("dimension", dimension, 1);
        Functions.requireNonNegative("radius", radius);
        return new BallProjection(new double[dimension], radius);
    }

    @Override
    public int dimension() {
        return center.length;
    }

    /** @return the radius. */
    public double radius() {
        return radius;
    }

    /** @return a copy of the centre. */
    public double[] center() {
        return center.clone();
    }

    @Override
    public void project(double[] v, double[] out) {
        Functions.requireLength("v", v, center.length);
        Functions.requireLength("out", out, center.length);
        double dist = distanceToCenter(v);
        if (dist <= radius) {
            if (out != v) {
                System.arraycopy(v, 0, out, 0, v.length);
            }
            return;
        }
        double s = radius / dist;
        for (int i = 0; i < v.length; i++) {
            out[i] = center[i] + s * (v[i] - center[i]);
        }
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        project(v, out);
    }

    @Override
    public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        ProxChecks.step(t);
        Functions.requireLength("v", v, center.length);
        Functions.requireLength("w", w, center.length);
        Functions.requireLength("out", out, center.length);
        if (out == v) {
            throw new IllegalArgumentException("out must not alias v");
        }
        double dist = distanceToCenter(v);
        if (dist < radius) {
            if (out != w) {
                System.arraycopy(w, 0, out, 0, w.length);
            }
            return true;
        }
        double nw = 0;
        for (int i = 0; i < v.length; i++) {
            nw += (v[i] - center[i]) / dist * w[i];
        }
        double s = radius / dist;
        for (int i = 0; i < v.length; i++) {
            out[i] = s * (w[i] - nw * (v[i] - center[i]) / dist);
        }
        return true;
    }

    @Override
    public boolean contains(double[] u, double tolerance) {
        Functions.requireLength("u", u, center.length);
        return distanceToCenter(u) <= radius + tolerance;
    }

    /**
     * The indicator, with the membership tolerance {@code 1e-12 (1 + r + ‖c‖_∞)}: a projected point lies on the
     * sphere only up to the rounding of {@code c + r(v − c)/‖v − c‖}, which is relative to the size of the ball
     * and its centre, so an absolute tolerance would call the projection of a large ball infeasible.
     */
    @Override
    public double value(double[] u) {
        double size = radius;
        for (double ci : center) {
            size = Math.max(size, Math.abs(ci));
        }
        return contains(u, 1e-12 * (1 + size)) ? 0.0 : Double.POSITIVE_INFINITY;
    }

    private double distanceToCenter(double[] v) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            double d = v[i] - center[i];
            s += d * d;
        }
        if (s > 1e-290 && s < 1e290 || s == 0) {
            return Math.sqrt(s);
        }
        double scale = 0;
        for (int i = 0; i < v.length; i++) {
            scale = Math.max(scale, Math.abs(v[i] - center[i]));
        }
        if (!Double.isFinite(scale)) {
            return Double.isNaN(s) ? Double.NaN : scale;
        }
        double t = 0;
        for (int i = 0; i < v.length; i++) {
            double d = (v[i] - center[i]) / scale;
            t += d * d;
        }
        return scale * Math.sqrt(t);
    }

    @Override
    public String toString() {
        return "BallProjection{center=" + (center.length <= 8 ? Arrays.toString(center) : "R^" + center.length)
                + ", radius=" + radius + "}";
    }
}
