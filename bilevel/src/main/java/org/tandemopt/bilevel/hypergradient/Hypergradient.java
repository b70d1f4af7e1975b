package org.tandemopt.bilevel.hypergradient;

/**
 * One estimate of the hypergradient {@code ∇φ(x)}: the estimate, the inner point {@code y} it used, the upper
 * value {@code f(x, y)} there, and the {@link EstimatorDiagnostics}. Immutable; arrays are copied in and out.
 */
public final class Hypergradient {

    private final double[] gradient;
    private final double[] inner;
    private final double value;
    private final EstimatorDiagnostics diagnostics;

    /** Builds an estimate (arrays copied). */
    public Hypergradient(double[] gradient, double[] inner, double value, EstimatorDiagnostics diagnostics) {
        this.gradient = gradient.clone();
        this.inner = inner.clone();
        this.value = value;
        this.diagnostics = diagnostics;
    }

    /** @return a copy of the estimate of {@code ∇φ(x)}. */
    public double[] gradient() { return gradient.clone(); }
    /** @return entry {@code i} of the estimate. */
    public double gradient(int i) { return gradient[i]; }
    /** @return a copy of the inner point {@code y} the estimate used. */
    public double[] inner() { return inner.clone(); }
    /** @return {@code f(x, y)} at the inner point used: the estimate of {@code φ(x)}. */
    public double value() { return value; }
    public EstimatorDiagnostics diagnostics() { return diagnostics; }
    /** @return the status of the estimate. */
    public HypergradientStatus status() { return diagnostics.status(); }

    /** @return the Euclidean norm of the estimate. */
    public double norm() {
        double s = 0;
        for (double v : gradient) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    @Override
    public String toString() {
        return "Hypergradient{" + java.util.Arrays.toString(gradient) + ", value=" + value + ", " + diagnostics + "}";
    }
}
