package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.optim.prox.ProximalOperator;

/**
 * A {@link ParametricProx} that ignores {@code x}: wraps a {@link ProximalOperator} of {@code core.optim.prox}
 * ({@code L1Norm}, {@code ElasticNet}, {@code GroupL1}, {@code BoxProjection}, {@code SimplexProjection},
 * {@code BallProjection}). {@code J_x = 0}; {@code J_v} and its selection at kinks are those the wrapped
 * operator documents. Kinks are not reported ({@link #kinks} returns {@code -1}).
 */
final class FixedProx implements ParametricProx {

    private final ProximalOperator op;

    FixedProx(ProximalOperator op) {
        this.op = Functions.requireNonNull("operator", op);
    }

    @Override public int parameterDimension() { return -1; }
    @Override public int dimension() { return op.dimension(); }

    @Override
    public void prox(double[] x, double[] v, double t, double[] out) {
        op.prox(v, t, out);
    }

    @Override
    public double value(double[] x, double[] y) {
        return op.value(y);
    }

    @Override
    public void jacobianVector(double[] x, double[] v, double t, double[] w, double[] out) {
        if (!op.jacobianVector(v, t, w, out)) {
            throw new UnsupportedOperationException(op + " provides no Jacobian-vector product");
        }
    }

    @Override
    public void parameterJacobianVector(double[] x, double[] v, double t, double[] dx, double[] out) {
    }

    @Override
    public void parameterJacobianTranspose(double[] x, double[] v, double t, double[] w, double[] xAccumulate) {
    }

    @Override
    public boolean jacobianDiagonal(double[] x, double[] v, double t, double[] out) {
        return op.jacobianDiagonal(v, t, out);
    }

    @Override
    public String toString() {
        return "ParametricProx.of(" + op + ")";
    }
}
