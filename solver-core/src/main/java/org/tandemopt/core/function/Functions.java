package org.tandemopt.core.function;

/**
 * Argument checks shared by every public entry point. Each failure is an {@link IllegalArgumentException}
 * whose message names the argument, the value seen and what was expected.
 */
public final class Functions {

    private Functions() {
    }

    /** Requires a non-null object. */
    public static <T> T requireNonNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Requires a non-null array of the given length. */
    public static double[] requireLength(String name, double[] v, int expected) {
        if (v == null) {
            throw new IllegalArgumentException(name + " must not be null (expected length " + expected + ")");
        }
        if (v.length != expected) {
            throw new IllegalArgumentException(name + " has length " + v.length + ", expected " + expected);
        }
        return v;
    }

    /** Requires a non-null array of the given length whose entries are all finite. */
    public static double[] requireFinite(String name, double[] v, int expected) {
        requireLength(name, v, expected);
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] = " + v[i] + ", expected a finite number");
            }
        }
        return v;
    }

    /** Requires a finite number strictly greater than zero. */
    public static double requirePositive(String name, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ", expected a finite number > 0");
        }
        return value;
    }

    /** Requires a finite number greater than or equal to zero. */
    public static double requireNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " = " + value + ", expected a finite number >= 0");
        }
        return value;
    }

    /** Requires a number in the closed interval {@code [lo, hi]}. */
    public static double requireInRange(String name, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(name + " = " + value + ", expected a number in [" + lo + ", " + hi + "]");
        }
        return value;
    }

    /** Requires a number in {@code [0, 1)}: a momentum, an averaging or a discount factor. */
    public static double requireFraction(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " = " + value + ", expected a number in [0, 1)");
        }
        return value;
    }

    /** Requires a number in the open interval {@code (lo, hi)}. */
    public static double requireOpenRange(String name, double value, double lo, double hi) {
        if (!(value > lo && value < hi)) {
            throw new IllegalArgumentException(name + " = " + value + ", expected a number in (" + lo + ", " + hi + ")");
        }
        return value;
    }

    /** Requires an integer greater than or equal to {@code min}. */
    public static int requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + ", expected an integer >= " + min);
        }
        return value;
    }

    /** Requires a long greater than or equal to {@code min}. */
    public static long requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + ", expected an integer >= " + min);
        }
        return value;
    }
}
