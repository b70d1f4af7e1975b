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
                boolean bad = fault.hit();
                return fault.apply(bad, f.value(x), null);
            }

            @Override
            public double valueAndGradient(double[] x, double[] g) {
                boolean bad = fault.hit();
                return fault.apply(bad, f.valueAndGradient(x, g), g);
            }

            @Override public boolean hasHessianVector() { return f.hasHessianVector(); }

            @Override
            public void hessianVector(double[] x, double[] v, double[] out) {
                boolean bad = fault.hit();
                f.hessianVector(x, v, out);
                fault.apply(bad, 0, out);
            }
        };
    }

    static StochasticObjective of(StochasticObjective o, Fault fault) {
        return new StochasticObjective() {
            @Override public int dimension() { return o.dimension(); }

            @Override public int sampleCount() { return o.sampleCount(); }

            @Override
            public double valueAndGradient(double[] x, int[] batch, int batchSize, double[] g) {
                boolean bad = fault.hit();
                return fault.apply(bad, o.valueAndGradient(x, batch, batchSize, g), g);
            }
        };
    }
}
