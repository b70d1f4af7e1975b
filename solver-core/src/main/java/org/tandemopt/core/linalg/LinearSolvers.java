package org.tandemopt.core.linalg;

import java.util.List;
import java.util.Locale;

import org.tandemopt.core.function.Functions;

/**
 * Entry points to the linear solvers with their defaults, and selection by name (for configuration files,
 * command lines and the solver-comparison harness).
 *
 * <table>
 *   <caption>Which solver for which operator</caption>
 *   <tr><th>name</th><th>solver</th><th>operator</th><th>cost</th></tr>
 *   <tr><td>{@code cg}</td><td>{@link ConjugateGradient}</td><td>symmetric positive definite, matrix-free</td>
 *       <td>one application per iteration, {@code O(√κ)} iterations</td></tr>
 *   <tr><td>{@code minres}</td><td>{@link Minres}</td><td>symmetric, possibly indefinite or singular</td>
 *       <td>one application per iteration</td></tr>
 *   <tr><td>{@code cholesky}</td><td>{@link DenseCholesky}</td><td>symmetric positive definite; reports the
 *       inertia otherwise</td><td>{@code d} applications (none for a {@link MatrixOperator}) + {@code d³/3}</td></tr>
 *   <tr><td>{@code lu}</td><td>{@link DenseLU}</td><td>any non-singular square</td>
 *       <td>{@code d} applications (none for a {@link MatrixOperator}) + {@code 2d³/3}</td></tr>
 *   <tr><td>—</td><td>{@link NeumannSeries}</td><td>{@code ρ(I − αA) < 1}</td><td>{@code K} applications;
 *       needs {@code α} and {@code K}, so it has no name here</td></tr>
 * </table>
 */
public final class LinearSolvers {

    private static final List<String> NAMES = List.of("cg", "minres", "cholesky", "lu");

    private LinearSolvers() {
    }

    /** @return {@link ConjugateGradient#defaults()}. */
    public static ConjugateGradient cg() {
        return ConjugateGradient.defaults();
    }

    /** @return {@link Minres#defaults()}. */
    public static Minres minres() {
        return Minres.defaults();
    }

    /** @return {@link DenseCholesky#defaults()}. */
    public static DenseCholesky cholesky() {
        return DenseCholesky.defaults();
    }

    /** @return {@link DenseLU#defaults()}. */
    public static DenseLU lu() {
        return DenseLU.defaults();
    }

    /** @return {@link NeumannSeries#of(double, int)}: step {@code α > 0}, {@code K ≥ 1} terms. */
    public static NeumannSeries neumann(double alpha, int terms) {
        return NeumannSeries.of(alpha, terms);
    }

    /** @return the names {@link #byName} accepts: {@code cg, minres, cholesky, lu}. */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name one of {@link #names()}, case-insensitive
     * @return that solver with its defaults
     * @throws IllegalArgumentException for an unknown name (or {@code neumann}, which needs {@code α} and {@code K})
     */
    public static LinearSolver byName(String name) {
        Functions.requireNonNull("name", name);
        switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "cg":
                return cg();
            case "minres":
                return minres();
            case "cholesky":
                return cholesky();
            case "lu":
                return lu();
            case "neumann":
                throw new IllegalArgumentException("name = neumann needs a step and a number of terms, "
                        + "use LinearSolvers.neumann(alpha, terms)");
            default:
                throw new IllegalArgumentException("name = " + name + ", expected one of " + NAMES);
        }
    }
}
