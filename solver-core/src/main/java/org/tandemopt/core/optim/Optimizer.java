package org.tandemopt.core.optim;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.monitor.SolveOptions;

/**
 * A single-level minimiser of a {@link DifferentiableFunction}. Implementations are immutable and
 * thread-safe: one instance can minimise many functions concurrently. The bilevel and min-max modules reuse
 * optimizers as inner and outer solvers.
 */
public interface Optimizer {

    /**
     * Minimises {@code f} from {@code start} (not modified).
     *
     * @throws IllegalArgumentException if {@code f} or {@code options} is null, or {@code start} is null, of the
     *                                  wrong length or not finite
     */
    OptimizationResult minimize(DifferentiableFunction f, double[] start, SolveOptions options);

    /** Minimises with {@link SolveOptions#defaults()}. */
    default OptimizationResult minimize(DifferentiableFunction f, double[] start) {
        return minimize(f, start, SolveOptions.defaults());
    }
}
