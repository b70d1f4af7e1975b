package org.tandemopt.core.linalg;

/**
 * Dense vector kernels on {@code double[]}. No method allocates; outputs go into caller-owned arrays,
 * which may alias inputs where noted. Reductions use four independent accumulators so the JIT can keep
 * four additions in flight (the result may differ from a naive left-to-right sum in the last bits, and is
 * deterministic for a given length).
 */
public final class Vectors {

    private Vectors() {
    }

    /** @return {@code Σ a_i b_i} over the first {@code n} entries. */
    public static double dot(double[] a, double[] b, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) {
            s0 += a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** @return {@code aᵀb}; the arrays must have the same length. */
    public static double dot(double[] a, double[] b) {
        return dot(a, b, a.length);
    }

    /** @return {@code ‖a‖²}. */
    public static double normSquared(double[] a) {
        return dot(a, a, a.length);
    }

    /** @return the Euclidean norm {@code ‖a‖}, computed without overflow for large entries. */
    public static double norm2(double[] a) {
        double s = normSquared(a);
        if (s > 1e-290 && s < 1e290) {
            return Math.sqrt(s);
        }
        // rescale to avoid overflow or underflow
        double scale = normInf(a);
        if (scale == 0 || !Double.isFinite(scale)) {
            return Double.isNaN(s) ? Double.NaN : scale;
        }
        double t = 0;
        for (double v : a) {
            double r = v / scale;
            t += r * r;
        }
        return scale * Math.sqrt(t);
    }

    /** @return {@code max_i |a_i|} (NaN if any entry is NaN). */
    public static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            double av = Math.abs(v);
            if (av > m || Double.isNaN(av)) {
                m = av;
                if (Double.isNaN(m)) {
                    return m;
                }
            }
        }
        return m;
    }

    /** @return {@code ‖a − b‖}. */
    public static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** {@code y ← α x + y}. */
    public static void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
    }

    /** {@code out ← α x + β y} (out may alias x or y). */
    public static void axpby(double alpha, double[] x, double beta, double[] y, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = alpha * x[i] + beta * y[i];
        }
    }

    /** {@code out ← x + α d} (out may alias x). */
    public static void addScaled(double[] x, double alpha, double[] d, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + alpha * d[i];
        }
    }

    /** {@code out ← a − b}. */
    public static void subtract(double[] a, double[] b, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] - b[i];
        }
    }

    /** {@code x ← α x}. */
    public static void scale(double alpha, double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= alpha;
        }
    }

    /** {@code out ← α x}. */
    public static void scale(double alpha, double[] x, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = alpha * x[i];
        }
    }

    /** {@code out ← −x}. */
    public static void negate(double[] x, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = -x[i];
        }
    }

    /** Copies {@code src} into {@code dst} (same length). */
    public static void copy(double[] src, double[] dst) {
        System.arraycopy(src, 0, dst, 0, dst.length);
    }

    /** Sets every entry of {@code x} to zero. */
    public static void zero(double[] x) {
        java.util.Arrays.fill(x, 0.0);
    }

    /** @return whether every entry is finite. */
    public static boolean allFinite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
