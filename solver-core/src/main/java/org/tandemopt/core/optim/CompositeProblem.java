package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.optim.prox.ProximalOperator;

/**
 * A composite objective {@code F(u) = J(u) + r(u)}: a smooth part {@code J} with a gradient oracle and a
 * (possibly nonsmooth, possibly extended-valued) closed convex part {@code r} known through its proximal
 * operator. The problem of {@link ProximalGradient}.
 *
 * @param smooth      {@code J}
 * @param regularizer {@code r}; its dimension is {@code -1} (entrywise) or that of {@code J}
 */
public record CompositeProblem(DifferentiableFunction smooth, ProximalOperator regularizer) {

    /** Validates the parts. */
    public CompositeProblem {
        Functions.requireNonNull("smooth", smooth);
        Functions.requireNonNull("regularizer", regularizer);
        int d = regularizer.dimension();
        if (d != -1 && d != smooth.dimension()) {
            throw new IllegalArgumentException("regularizer has dimension " + d + ", expected -1 (entrywise) or "
                    + smooth.dimension() + " (the dimension of smooth)");
        }
    }

    /** @return {@code J} alone ({@code r = 0}, whose prox is the identity). */
    public static CompositeProblem smoothOnly(DifferentiableFunction smooth) {
        return new CompositeProblem(smooth, ZERO);
    }

    /** @return the dimension of {@code u}. */
    public int dimension() {
        return smooth.dimension();
    }

    /** @return {@code J(u) + r(u)}. */
    public double value(double[] u) {
        return smooth.value(u) + regularizer.value(u);
    }

    /** {@code r = 0}: the identity prox. */
    static final ProximalOperator ZERO = new ProximalOperator() {
        @Override
        public int dimension() {
            return -1;
        }

        @Override
        public void prox(double[] v, double t, double[] out) {
            if (out != v) {
                System.arraycopy(v, 0, out, 0, v.length);
            }
        }

        @Override
        public double value(double[] u) {
            return 0.0;
        }

        @Override
        public boolean jacobianDiagonal(double[] v, double t, double[] out) {
            java.util.Arrays.fill(out, 1.0);
            return true;
        }

        @Override
        public boolean jacobianVector(double[] v, double t, double[] w, double[] out) {
            if (out != w) {
                System.arraycopy(w, 0, out, 0, w.length);
            }
            return true;
        }

        @Override
        public String toString() {
            return "Zero";
        }
    };
}
