package org.tandemopt.core.optim.prox;

import java.util.Arrays;

import org.tandemopt.core.function.Functions;

/**
 * The Euclidean projection onto the scaled simplex {@code Δ_r = {u ∈ R^n : u ≥ 0, Σ u_i = r}}:
 * {@code Π(v)_i = max(v_i − θ, 0)} where the threshold {@code θ} solves {@code Σ max(v_i − θ, 0) = r}.
 *
 * <p>Algorithm: the sort-based method (Held, Wolfe, Crowder 1974; Duchi, Shalev-Shwartz, Singer, Chandra,
 * "Efficient projections onto the l1-ball for learning in high dimensions", ICML 2008): sort {@code v} in
 * decreasing order {@code u_1 ≥ … ≥ u_n}, let {@code ρ} be the largest {@code j} with
 * {@code u_j > (Σ_{i≤j} u_i − r)/j}, and {@code θ = (Σ_{i≤ρ} u_i − r)/ρ}. Cost {@code O(n log n)}; see
 * Condat, "Fast projection onto the simplex and the l1 ball", Math. Programming 158 (2016) for a survey of the
 * alternatives. The sort runs on a per-thread scratch buffer that grows once to the largest dimension seen,
 * so steady-state calls allocate nothing.
 *
 * <p><b>Jacobian</b> ({@link #jacobianVector}; it is not diagonal): with the support
 * {@code S = {i : v_i > θ}}, {@code J = diag(1_S) − 1_S 1_Sᵀ/|S|}, i.e. {@code (Jw)_i = w_i − mean_S(w)} on
 * {@code S} and 0 off it. A coordinate exactly at the threshold ({@code v_i = θ}, a kink) is left out of
 * {@code S} (the 0 selection of this package).
 *
 * <p>Immutable and thread-safe. Use it for mixed strategies of matrix games (probability simplex, {@code r = 1})
 * and for the weights {@code λ} of finite-maximum problems {@code max_i f_i(x) = max_{λ ∈ Δ} Σ λ_i f_i(x)}.
 */
public final class SimplexProjection implements Projection {

    private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[1][0]);

    private final int dimension;
    private final double radius;

    private SimplexProjection(int dimension, double radius) {
        this.dimension = dimension;
        this.radius = radius;
    }

    /**
     * The simplex {@code {u ∈ R^dimension : u ≥ 0, Σu = radius}}.
     *
     * @throws IllegalArgumentException if {@code dimension < 1} or {@code radius} is not a finite number
     *                                  {@code > 0}
     */
    public static SimplexProjection of(int dimension, double radius) {
        Functions.requireAtLeast("dimension", dimension, 1);
        Functions.requirePositive("radius", radius);
        return new SimplexProjection(dimension, radius);
    }

    /** The probability simplex of {@code R^dimension} ({@code radius = 1}). */
    public static SimplexProjection probability(int dimension) {
        return of(dimension, 1.0);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @return the radius {@code r}. */
    public double radius() {
        return radius;
    }

    /**
     * @return the threshold {@code θ} with {@code Π(v)_i = max(v_i − θ, 0)}, rounded to the precision of
     *         {@code max v} ({@link #project} works on {@code v − max v} and stays exact when {@code |v| ≫ r})
     */
    public double threshold(double[] v) {
        Functions.requireLength("v", v, dimension);
        double top = max(v);
        return top + shiftedThreshold(v, top);
    }

    /**
     * The threshold of {@code v − top} for {@code top = max_i v_i}. Projection commutes with that shift, and
     * the entries that can enter the support lie within {@code r} of {@code top}, where the shifted differences
     * are exact (Sterbenz): without the shift a large {@code |v|} rounds {@code u_1 − r} back to {@code u_1} and
     * no threshold (NaN) or a support of zero mass results.
     */
    private double shiftedThreshold(double[] v, double top) {
        double[][] holder = SCRATCH.get();
        double[] u = holder[0];
        if (u.length < dimension) {
            u = new double[dimension];
            holder[0] = u;
        }
        for (int i = 0; i < dimension; i++) {
            u[i] = v[i] - top;
        }
        Arrays.sort(u, 0, dimension); // ascending: walk from the top
        double sum = 0;
        double theta = Double.NaN;
        for (int j = 1; j <= dimension; j++) {
            double uj = u[dimension - j];
            sum += uj;
            double candidate = (sum - radius) / j;
            if (uj > candidate) {
                theta = candidate;
            } else {
                break;
            }
        }
        return theta;
    }

    /** The largest entry (NaN if any entry is NaN, so that NaN propagates). */
    private double max(double[] v) {
        double top = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < dimension; i++) {
            if (!(v[i] <= top)) {
                top = v[i];
            }
        }
        return top;
    }

    @Override
    public void project(double[] v, double[] out) {
        Functions.requireLength("v", v, dimension);
        Functions.requireLength("out", out, dimension);
        double top = max(v);
        double theta = shiftedThreshold(v, top);
        for (int i = 0; i < dimension; i++) {
            out[i] = Math.max((v[i] - top) - theta, 0.0);
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
        Functions.requireLength("w", w, dimension);
        Functions.requireLength("out", out, dimension);
        if (out == v) {
            throw new IllegalArgumentException("out must not alias v");
        }
        Functions.requireLength("v", v, dimension);
        double top = max(v);
        double theta = shiftedThreshold(v, top);
        double sum = 0;
        int size = 0;
        for (int i = 0; i < dimension; i++) {
            if (v[i] - top > theta) {
                sum += w[i];
                size++;
            }
        }
        double mean = size == 0 ? 0 : sum / size;
        for (int i = 0; i < dimension; i++) {
            out[i] = v[i] - top > theta ? w[i] - mean : 0.0;
        }
        return true;
    }

    @Override
    public boolean contains(double[] u, double tolerance) {
        Functions.requireLength("u", u, dimension);
        double sum = 0;
        for (double ui : u) {
            if (!(ui >= -tolerance)) {
                return false;
            }
            sum += ui;
        }
        return Math.abs(sum - radius) <= tolerance;
    }

    /**
     * The indicator, with the membership tolerance {@code 1e-12 (1 + r)}: the projection meets {@code Σu = r}
     * only up to rounding relative to {@code r}, so an absolute tolerance would call the projection onto a
     * large simplex infeasible.
     */
    @Override
    public double value(double[] u) {
        return contains(u, 1e-12 * (1 + radius)) ? 0.0 : Double.POSITIVE_INFINITY;
    }

    @Override
    public String toString() {
        return "SimplexProjection{dimension=" + dimension + ", radius=" + radius + "}";
    }
}
