package org.tandemopt.core.linalg;

import org.tandemopt.core.function.Functions;

/** Argument checks and small helpers shared by the linear solvers (package-private). */
final class SolverSupport {

    private SolverSupport() {
    }

    /**
     * Validates the arguments of {@link LinearSolver#solve}: non-null operator, a non-empty finite {@code b},
     * a finite {@code solution} of the same length that is not the same array as {@code b}.
     */
    static void checkArguments(LinearOperator a, double[] b, double[] solution) {
        Functions.requireNonNull("a", a);
        Functions.requireNonNull("b", b);
        if (b.length == 0) {
            throw new IllegalArgumentException("b has length 0, expected length >= 1");
        }
        Functions.requireFinite("b", b, b.length);
        Functions.requireFinite("solution", solution, b.length);
        if (solution == b) {
            throw new IllegalArgumentException("solution is the same array as b, expected distinct arrays");
        }
        if (a instanceof MatrixOperator && ((MatrixOperator) a).dimension() != b.length) {
            throw new IllegalArgumentException("a is " + ((MatrixOperator) a).dimension() + " x "
                    + ((MatrixOperator) a).dimension() + ", expected " + b.length + " x " + b.length
                    + " to match b");
        }
    }

    /**
     * The answer to {@code A v = 0} for the iterative solvers: {@code v = 0} (the minimum-norm solution),
     * written into {@code solution} at once, without iterating towards it from a warm start.
     */
    static LinearSolveResult zeroRightHandSide(double[] solution) {
        java.util.Arrays.fill(solution, 0.0);
        return new LinearSolveResult(LinearSolveStatus.CONVERGED, 0.0, 0, 0, false, null);
    }

    /** @return whether every entry of {@code x} is zero (a cold start, whose residual is {@code b}). */
    static boolean isZero(double[] x) {
        for (double v : x) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** {@code r ← b − A x} using {@code work} for {@code A x}; returns {@code ‖r‖}. One operator application. */
    static double residual(LinearOperator a, double[] b, double[] x, double[] work, double[] r) {
        a.apply(x, work);
        for (int i = 0; i < r.length; i++) {
            r[i] = b[i] - work[i];
        }
        return Vectors.norm2(r);
    }

    /** @return the stopping threshold {@code max(relative ‖b‖, absolute)}. */
    /**
     * Sets {@code r ← b − A x}, skipping the product when {@code x = 0} (a cold start).
     *
     * @return the number of operator applications made (0 or 1)
     */
    static int initialResidual(LinearOperator a, double[] b, double[] x, double[] work, double[] r) {
        if (isZero(x)) {
            System.arraycopy(b, 0, r, 0, r.length);
            return 0;
        }
        residual(a, b, x, work, r);
        return 1;
    }

    /**
     * @return the result of a solve that can stop before its first iteration (a non-finite or already small
     *         initial residual), or {@code null} to go on
     */
    static LinearSolveResult beforeFirstIteration(double rNorm, double threshold, int applications) {
        if (!Double.isFinite(rNorm)) {
            return new LinearSolveResult(LinearSolveStatus.NON_FINITE, rNorm, 0, applications, false, null);
        }
        if (rNorm <= threshold) {
            return new LinearSolveResult(LinearSolveStatus.CONVERGED, rNorm, 0, applications, false, null);
        }
        return null;
    }

    static double threshold(double relativeTolerance, double absoluteTolerance, double[] b) {
        return Math.max(relativeTolerance * Vectors.norm2(b), absoluteTolerance);
    }

    /** Requires a tolerance that is a finite number {@code ≥ 0}. */
    static double requireTolerance(String name, double value) {
        return Functions.requireNonNegative(name, value);
    }
}
