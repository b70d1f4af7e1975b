package org.tandemopt.examples.problems;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;
import org.tandemopt.examples.data.Dataset;

/**
 * Per-feature L2 regularization of logistic regression tuned on a validation set, with {@code x} the
 * log-regularization of every feature but the intercept (the last column):
 * <pre>
 *   lower  g(x, y) = (1/N) Σ_i log(1 + exp(−t_i a_iᵀy)) + ½ Σ_{j &lt; p−1} e^{x_j} y_j²,
 *   upper  f(y)    = (1/N_v) Σ_i log(1 + exp(−s_i v_iᵀy)),
 * </pre>
 * labels {@code t_i, s_i ∈ {−1, +1}}. The lower level is strongly convex in the penalized coordinates;
 * {@code H_yy = AᵀDA/N + diag(e^{x}, 0)}, {@code H_yx = diag(e^{x} ∘ y)} (the intercept row is zero),
 * {@code ∇_x g = ½ e^{x} ∘ y²}; the upper level does not depend on {@code x}. All oracles are exact; the
 * data-fit parts are {@link LogisticRegression} with {@code λ = 0}. Hyperparameter optimization of this kind:
 * F. Pedregosa, "Hyperparameter optimization with approximate gradient", ICML 2016 (the same per-feature
 * logistic model on real data).
 *
 * <p>Immutable and thread-safe (the data-fit functions keep per-thread scratch).
 */
public final class LogisticHyperparameters {

    private final LogisticRegression train;
    private final LogisticRegression validation;
    private final int p;

    /**
     * @param train      training data, features with the intercept as the last column, labels in {0, 1}
     * @param validation validation data, the same columns
     */
    public LogisticHyperparameters(Dataset train, Dataset validation) {
        Functions.requireNonNull("train", train);
        Functions.requireNonNull("validation", validation);
        if (train.cols() != validation.cols()) {
            throw new IllegalArgumentException("validation has " + validation.cols() + " columns, expected "
                    + train.cols() + " (the columns of train)");
        }
        if (train.cols() < 2) {
            throw new IllegalArgumentException("train has " + train.cols()
                    + " columns, expected at least 2 (features and the intercept)");
        }
        this.p = train.cols();
        this.train = new LogisticRegression(train.features(), train.targets(), p, 0, true);
        this.validation = new LogisticRegression(validation.features(), validation.targets(), p, 0, true);
    }

    /** @return the number {@code n = p − 1} of hyperparameters (one per feature, none for the intercept). */
    public int parameterDimension() {
        return p - 1;
    }

    /** @return the number {@code m = p} of model weights. */
    public int variableDimension() {
        return p;
    }

    /** @return the bilevel problem started at log-regularization {@code x0} and weights {@code y = 0}. */
    public BilevelProblem problem(double[] x0) {
        Functions.requireFinite("x0", x0, p - 1);
        return BilevelProblem.of(upper(), lower(), x0, new double[p]);
    }

    /** @return the single-level training objective at regularization {@code e^{x}} (for a direct solve). */
    public LogisticRegression trainingLoss() {
        return train;
    }

    /** @return the unregularized validation loss. */
    public LogisticRegression validationLoss() {
        return validation;
    }

    /** @return the lower objective {@code g}. */
    public ParametricFunction lower() {
        final int n = p - 1;
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return p; }
            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public double value(double[] x, double[] y) {
                return train.value(y) + penalty(x, y);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                double v = train.valueAndGradient(y, out);
                for (int j = 0; j < n; j++) {
                    out[j] += Math.exp(x[j]) * y[j];
                }
                return v + penalty(x, y);
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                for (int j = 0; j < n; j++) {
                    out[j] = 0.5 * Math.exp(x[j]) * y[j] * y[j];
                }
            }

            @Override
            public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                train.hessianVector(y, v, out);
                for (int j = 0; j < n; j++) {
                    out[j] += Math.exp(x[j]) * v[j];
                }
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                for (int j = 0; j < n; j++) {
                    out[j] = Math.exp(x[j]) * y[j] * w[j];
                }
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                for (int j = 0; j < n; j++) {
                    out[j] = Math.exp(x[j]) * y[j] * u[j];
                }
                out[n] = 0;
            }

            private double penalty(double[] x, double[] y) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += Math.exp(x[j]) * y[j] * y[j];
                }
                return 0.5 * s;
            }
        };
    }

    /** @return the upper objective {@code f}, the mean validation logistic loss. */
    public ParametricFunction upper() {
        final int n = p - 1;
        return new ParametricFunction() {
            @Override public int parameterDimension() { return n; }
            @Override public int variableDimension() { return p; }
            @Override public boolean hasSecondOrder() { return true; }

            @Override
            public double value(double[] x, double[] y) {
                return validation.value(y);
            }

            @Override
            public double gradientY(double[] x, double[] y, double[] out) {
                return validation.valueAndGradient(y, out);
            }

            @Override
            public void gradientX(double[] x, double[] y, double[] out) {
                java.util.Arrays.fill(out, 0, n, 0.0);
            }

            @Override
            public void hessianYY(double[] x, double[] y, double[] v, double[] out) {
                validation.hessianVector(y, v, out);
            }

            @Override
            public void crossTranspose(double[] x, double[] y, double[] w, double[] out) {
                java.util.Arrays.fill(out, 0, n, 0.0);
            }

            @Override
            public void cross(double[] x, double[] y, double[] u, double[] out) {
                java.util.Arrays.fill(out, 0, p, 0.0);
            }
        };
    }
}
