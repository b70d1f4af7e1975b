package org.tandemopt.core.optim.prox;

import java.util.Arrays;

/**
 * The group-lasso penalty {@code r(u) = Σ_g w_g ‖u_g‖₂} over non-overlapping groups {@code g} of coordinates
 * (Yuan &amp; Lin, "Model selection and estimation in regression with grouped variables", JRSS-B 2006): it
 * selects or discards whole groups. Coordinates in no group are not penalised. Its proximal operator is the
 * block soft-threshold
 *
 * <pre>
 *   prox_{t r}(v)_g = max(1 − t w_g / ‖v_g‖₂, 0) · v_g        (0 when v_g = 0)
 * </pre>
 *
 * (Parikh &amp; Boyd, <em>Proximal Algorithms</em>, 2014, §6.5.4). Build it with {@link #of(int, int[][], double[])}
 * (explicit weights), {@link #uniform(int, int[][], double)} ({@code w_g = λ}) or
 * {@link #sizeScaled(int, int[][], double)} ({@code w_g = λ√|g|}, Yuan and Lin's choice).
 *
 * <p><b>Jacobian.</b> Block diagonal, not diagonal: on a group with {@code ‖v_g‖ > t w_g} it is
 * {@code (1 − c) I + c v_g v_gᵀ/‖v_g‖²} with {@code c = t w_g/‖v_g‖}; on a group with {@code ‖v_g‖ < t w_g} it
 * is 0; at the kink {@code ‖v_g‖ = t w_g > 0} the Clarke Jacobian contains the segment
 * {@code [0, v_g v_gᵀ/‖v_g‖²]} and the selection is {@code s · v_g v_gᵀ/‖v_g‖²} with {@code s =}
 * {@link #kinkDerivative()}, 0 by default ({@link #withKinkDerivative(double)}). Unpenalised coordinates and
 * groups with {@code w_g = 0} have the identity. {@link #jacobianVector} gives products with this element;
 * {@link #jacobianDiagonal} returns it only when every group is a singleton (then this is a weighted ℓ1 norm)
 * and returns false otherwise.
 *
 * <p>Immutable and thread-safe; allocation-free; {@code out} may alias {@code v}.
 */
public final class GroupL1 implements ProximalOperator {

    private final int dimension;
    private final int[][] groups;
    private final double[] weights;
    private final double kinkDerivative;
    private final boolean singletons;

    private GroupL1(int dimension, int[][] groups, double[] weights, double kinkDerivative) {
        this.dimension = dimension;
        this.groups = groups;
        this.weights = weights;
        this.kinkDerivative = kinkDerivative;
        boolean single = true;
        for (int[] g : groups) {
            single &= g.length == 1;
        }
        this.singletons = single;
    }

    /**
     * @param dimension the dimension {@code d ≥ 1}
     * @param groups    the groups as arrays of coordinate indices in {@code [0, d)}, each non-empty, no index in
     *                  two groups or twice in one (copied)
     * @param weights   one weight {@code w_g ≥ 0} per group (copied)
     * @return {@code Σ_g w_g ‖u_g‖₂}
     */
    public static GroupL1 of(int dimension, int[][] groups, double[] weights) {
        int[][] gs = checkGroups(dimension, groups);
        if (weights == null || weights.length != gs.length) {
            throw new IllegalArgumentException("weights has length " + (weights == null ? "null" : weights.length)
                    + ", expected one weight per group (" + gs.length + ")");
        }
        double[] w = weights.clone();
        for (int i = 0; i < w.length; i++) {
            ProxChecks.weight("weights[" + i + "]", w[i]);
        }
        return new GroupL1(dimension, gs, w, 0.0);
    }

    /** @return {@code λ Σ_g ‖u_g‖₂} (see {@link #of} for the arguments). */
    public static GroupL1 uniform(int dimension, int[][] groups, double lambda) {
        ProxChecks.weight("lambda", lambda);
        int[][] gs = checkGroups(dimension, groups);
        double[] w = new double[gs.length];
        Arrays.fill(w, lambda);
        return new GroupL1(dimension, gs, w, 0.0);
    }

    /** @return {@code λ Σ_g √|g| ‖u_g‖₂} (see {@link #of} for the arguments). */
    public static GroupL1 sizeScaled(int dimension, int[][] groups, double lambda) {
        ProxChecks.weight("lambda", lambda);
        int[][] gs = checkGroups(dimension, groups);
        double[] w = new double[gs.length];
        for (int i = 0; i < gs.length; i++) {
            w[i] = lambda * Math.sqrt(gs[i].length);
        }
        return new GroupL1(dimension, gs, w, 0.0);
    }

    /**
     * @param dimension the dimension
     * @param sizes     sizes of consecutive groups covering {@code 0 .. Σ sizes − 1} (the rest unpenalised)
     * @return the groups {@code {0..s₀−1}, {s₀..s₀+s₁−1}, ...}, to pass to the factories
     */
    public static int[][] consecutive(int dimension, int... sizes) {
        if (sizes == null) {
            throw new IllegalArgumentException("sizes must not be null");
        }
        int[][] gs = new int[sizes.length][];
        int next = 0;
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] < 1) {
                throw new IllegalArgumentException("sizes[" + i + "] = " + sizes[i] + ", expected an integer >= 1");
            }
            gs[i] = new int[sizes[i]];
            for (int k = 0; k < sizes[i]; k++) {
                gs[i][k] = next++;
            }
        }
        if (next > dimension) {
            throw new IllegalArgumentException("sizes sum to " + next + ", expected at most dimension = " + dimension);
        }
        return gs;
    }

    private static int[][] checkGroups(int dimension, int[][] groups) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension = " + dimension + ", expected an integer >= 1");
        }
        if (groups == null || groups.length == 0) {
            throw new IllegalArgumentException("groups must be a non-empty array of groups, got "
                    + (groups == null ? "null" : "length 0"));
        }
        int[] owner = new int[dimension];
        Arrays.fill(owner, -1);
        int[][] copy = new int[groups.length][];
        for (int g = 0; g < groups.length; g++) {
            if (groups[g] == null || groups[g].length == 0) {
                throw new IllegalArgumentException("groups[" + g + "] is " + (groups[g] == null ? "null" : "empty")
                        + ", expected at least one coordinate index");
            }
            copy[g] = groups[g].clone();
            for (int idx : copy[g]) {
                if (idx < 0 || idx >= dimension) {
                    throw new IllegalArgumentException("groups[" + g + "] contains " + idx
                            + ", expected an index in [0, " + dimension + ")");
                }
                if (owner[idx] >= 0) {
                    throw new IllegalArgumentException("groups[" + g + "] contains " + idx + ", already in groups["
                            + owner[idx] + "]: groups must not overlap");
                }
                owner[idx] = g;
            }
        }
        return copy;
    }

    /**
     * @param s the selection {@code s ∈ [0, 1]} at {@code ‖v_g‖ = t w_g} (default 0)
     * @return a copy with that selection
     */
    public GroupL1 withKinkDerivative(double s) {
        return new GroupL1(dimension, groups, weights, ProxChecks.kink(s));
    }

    /** @return the selection at kinks. */
    public double kinkDerivative() {
        return kinkDerivative;
    }

    /** @return the number of groups. */
    public int groupCount() {
        return groups.length;
    }

    /** @return a copy of group {@code g}'s coordinate indices. */
    public int[] group(int g) {
        return groups[g].clone();
    }

    /** @return the weight of group {@code g}. */
    public double weight(int g) {
        return weights[g];
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void prox(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, dimension);
        if (out != v) {
            System.arraycopy(v, 0, out, 0, v.length); // unpenalised coordinates
        }
        for (int g = 0; g < groups.length; g++) {
            int[] idx = groups[g];
            double norm = groupNorm(v, idx);
            double tau = t * weights[g];
            double factor;
            if (tau == 0) {
                factor = 1.0;
            } else if (norm > tau) {
                factor = 1.0 - tau / norm;
            } else if (norm <= tau) {
                factor = 0.0;
            } else {
                factor = Double.NaN; // NaN in v_g
            }
            for (int i : idx) {
                out[i] = factor * v[i];
            }
        }
    }

    @Override
    public double value(double[] u) {
        ProxChecks.point("u", u, dimension);
        double s = 0;
        for (int g = 0; g < groups.length; g++) {
            s += weights[g] * groupNorm(u, groups[g]);
        }
        return s;
    }

    /** Returns the diagonal of the selected element only when every group is a singleton; false otherwise. */
    @Override
    public boolean jacobianDiagonal(double[] v, double t, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, dimension);
        if (!singletons) {
            return false;
        }
        Arrays.fill(out, 1.0);
        for (int g = 0; g < groups.length; g++) {
            int i = groups[g][0];
            out[i] = L1Norm.softThresholdDerivative(v[i], t * weights[g], kinkDerivative);
        }
        return true;
    }

    @Override
    public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
        ProxChecks.step(t);
        ProxChecks.lengths(v, "out", out, dimension);
        ProxChecks.point("w", w, dimension);
        if (out != w) {
            System.arraycopy(w, 0, out, 0, w.length); // unpenalised coordinates: identity
        }
        for (int g = 0; g < groups.length; g++) {
            int[] idx = groups[g];
            double tau = t * weights[g];
            if (tau == 0) {
                continue; // identity block
            }
            double norm = groupNorm(v, idx);
            double diag;
            double rank1;
            if (norm > tau) {
                double c = tau / norm;
                diag = 1.0 - c;
                rank1 = c;
            } else if (norm < tau) {
                diag = 0.0;
                rank1 = 0.0;
            } else if (norm == tau) {
                diag = 0.0;
                rank1 = kinkDerivative;
            } else {
                diag = Double.NaN;
                rank1 = Double.NaN;
            }
            double vw = 0;
            for (int i : idx) {
                vw += v[i] * w[i];
            }
            double coef = rank1 == 0 ? 0.0 : rank1 * vw / (norm * norm);
            for (int i : idx) {
                out[i] = diag * out[i] + coef * v[i];
            }
        }
        return true;
    }

    private static double groupNorm(double[] v, int[] idx) {
        // scaled two-pass norm: no overflow or underflow for extreme entries
        double scale = 0;
        for (int i : idx) {
            double a = Math.abs(v[i]);
            if (a > scale || Double.isNaN(a)) {
                scale = a;
            }
        }
        if (scale == 0 || !Double.isFinite(scale)) {
            return scale;
        }
        double s = 0;
        for (int i : idx) {
            double r = v[i] / scale;
            s += r * r;
        }
        return scale * Math.sqrt(s);
    }

    @Override
    public String toString() {
        return "GroupL1{dimension=" + dimension + ", groups=" + groups.length + ", weights="
                + Arrays.toString(weights) + (kinkDerivative == 0 ? "" : ", kinkDerivative=" + kinkDerivative) + "}";
    }
}
