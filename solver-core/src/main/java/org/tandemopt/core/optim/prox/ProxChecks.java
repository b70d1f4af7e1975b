package org.tandemopt.core.optim.prox;

/**
 * Argument checks shared by the operators of this package. They cost a few comparisons, never an allocation,
 * so they run on every call; each failure is an {@link IllegalArgumentException} naming the argument.
 */
final class ProxChecks {

    private ProxChecks() {
    }

    /** Requires a step {@code t > 0}, finite. */
    static void step(double t) {
        if (!(t > 0) || !Double.isFinite(t)) {
            throw new IllegalArgumentException("t = " + t + ", expected a finite step > 0");
        }
    }

    /**
     * Requires {@code v} and {@code out} non-null, of equal length, and of length {@code dimension} when the
     * operator has a fixed dimension ({@code dimension >= 0}).
     */
    static void lengths(double[] v, String outName, double[] out, int dimension) {
        if (v == null) {
            throw new IllegalArgumentException("v must not be null");
        }
        if (out == null) {
            throw new IllegalArgumentException(outName + " must not be null");
        }
        if (dimension >= 0 && v.length != dimension) {
            throw new IllegalArgumentException("v has length " + v.length + ", expected " + dimension);
        }
        if (out.length != v.length) {
            throw new IllegalArgumentException(outName + " has length " + out.length + ", expected " + v.length
                    + " (the length of v)");
        }
    }

    /** Requires {@code u} non-null and of length {@code dimension} when fixed. */
    static void point(String name, double[] u, int dimension) {
        if (u == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (dimension >= 0 && u.length != dimension) {
            throw new IllegalArgumentException(name + " has length " + u.length + ", expected " + dimension);
        }
    }

    /** Requires a kink selection in {@code [0, 1]}. */
    static double kink(double s) {
        if (!(s >= 0 && s <= 1)) {
            throw new IllegalArgumentException("kinkDerivative = " + s
                    + ", expected a number in [0, 1] (an element of the Clarke Jacobian at the kink)");
        }
        return s;
    }

    /** Requires a finite weight {@code >= 0}. */
    static double weight(String name, double w) {
        if (!(w >= 0) || !Double.isFinite(w)) {
            throw new IllegalArgumentException(name + " = " + w + ", expected a finite number >= 0");
        }
        return w;
    }
}
