package org.tandemopt.core.robustness;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.optim.StochasticObjective;
import org.tandemopt.core.testing.Fault;

/** Fault-injecting wrappers of the user functions of solver-core: every oracle call goes through a {@link Fault}. */
final class FaultyFunction {

    private FaultyFunction() {
    }

    static DifferentiableFunction of(DifferentiableFunction f, Fault fault) {
        return new DifferentiableFunction() {
            @Override public int dimension() { return f.dimension(); }

            @Override
            public double value(double[] x) {
                return fault.call(0, () -> f.value(x));
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                return fault.call(0, () -> f.valueAndGradient(x, g), g);
            }

            @Override public boolean hasHessianVector() { return f.hasHessianVector(); }

            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                fault.run(0, () -> f.hessianVector(x, v, out), out);
            }
        };
    }

    static StochasticObjective of(StochasticObjective o, Fault fault) {
        return new StochasticObjective() {
            @Override public int dimension() { return o.dimension(); }

            @Override public int sampleCount() { return o.sampleCount(); }

            @Override
            public double valueAndGradient(double[] x, int[] batch, int batchSize, double[] g) {
                return fault.call(0, () -> o.valueAndGradient(x, batch, batchSize, g), g);
            }
        };
    }
}
