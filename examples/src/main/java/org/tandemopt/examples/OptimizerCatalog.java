package org.tandemopt.examples;

import java.util.List;

import org.tandemopt.core.function.DifferentiableFunction;
import org.tandemopt.core.linesearch.ArmijoBacktracking;
import org.tandemopt.core.optim.GradientDescent;
import org.tandemopt.core.optim.Optimizer;

/** The optimizers the comparison runs, with display names. */
public final class OptimizerCatalog {

    /** A named optimizer. */
    public record Entry(String name, Optimizer optimizer) {
    }

    private OptimizerCatalog() {
    }

    /** @return every single-level optimizer applicable to a smooth function with a Hessian-vector product. */
    public static List<Entry> forSmoothProblems(DifferentiableFunction f) {
        return List.of(
                new Entry("gradient descent, Armijo (expansion 2)", GradientDescent.defaults()),
                new Entry("gradient descent, Armijo (monotone)",
                        GradientDescent.withStepRule(ArmijoBacktracking.builder().expansion(1).build())));
    }
}
