package org.tandemopt.minmax.solvers;

import org.tandemopt.core.monitor.StoppingCriterion;
import org.tandemopt.core.monitor.Termination;

/**
 * A per-run criterion (one instance per inner solve, so its memory is private to that run) that ends an
 * inner solve when its stationarity measure has not fallen below half of its value at the start of the
 * current window within {@code window} iterations: the inner iteration has stalled at the precision floor
 * of {@code ∇_y L} (or makes no measurable progress). Reported as {@link Termination#CONVERGED_VALUE}.
 */
final class InnerStall {

    /** Iterations without halving the residual after which an inner run is declared stalled. */
    static final int WINDOW = 100;

    private InnerStall() {
    }

    static StoppingCriterion criterion(int window) {
        double[] reference = {Double.NaN};
        int[] start = {0};
        return p -> {
            double g = p.gradientNorm();
            if (Double.isNaN(reference[0]) || g <= 0.5 * reference[0]) {
                reference[0] = g;
                start[0] = p.iteration();
                return null;
            }
            return p.iteration() - start[0] >= window ? Termination.CONVERGED_VALUE : null;
        };
    }
}
