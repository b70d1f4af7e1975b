package org.tandemopt.bilevel.inner;

/**
 * The mutable, per-run side of an {@link InnerAlgorithm}: one step {@code s⁺ = F(x, s)} of the inner solver
 * and the products of that step's Jacobians {@code A = ∂_s F(x, s)} (a {@code S × S} matrix, {@code S} the
 * state size) and {@code B = ∂_x F(x, s)} ({@code S × n}) with vectors.
 *
 * <p>The state {@code s} is a {@code double[]} of length {@link #stateSize()} whose first {@code m} entries
 * are {@code y}. Every method writes into caller-owned arrays and allocates nothing. A map counts the oracle
 * calls it makes (gradients, {@code H_yy v} products and mixed products {@code H_yx u}, {@code H_yxᵀ w}).
 * Not thread-safe: one map per run.
 */
public interface InnerMap {

    /** @return {@code n}, the dimension of {@code x}. */
    int parameterDimension();

    /** @return {@code m}, the dimension of {@code y}. */
    int variableDimension();

    /** @return {@code S ≥ m}, the length of an inner state. */
    int stateSize();

    /** Writes the inner state that starts from {@code y0} into {@code stateOut} (for example {@code (y0, y0)}). */
    void initialState(double[] y0, double[] stateOut);

    /**
     * Called once before a run of steps at {@code x} from {@code state}: maps whose step depends on {@code x}
     * through an estimate (a Lipschitz constant) compute it here. The estimate is a constant of the map for
     * the run: it is not differentiated. The default does nothing.
     */
    default void prepare(double[] x, double[] state) {
    }

    /**
     * One step {@code out ← F(x, state)}.
     *
     * @param out a distinct array of length {@link #stateSize()}
     * @return {@code ‖∇_y g(x, y)‖} at the {@code y} of {@code state} when the step computed it, otherwise NaN
     */
    double step(double[] x, double[] state, double[] out);

    /**
     * The vector-Jacobian products at {@code (x, state)}: {@code stateOut ← Aᵀ v} and {@code xAccumulate ← xAccumulate + Bᵀ v}.
     *
     * @param v           length {@link #stateSize()}, not modified
     * @param stateOut    length {@link #stateSize()}, distinct from {@code v}
     * @param xAccumulate length {@code n}
     */
    void vjp(double[] x, double[] state, double[] v, double[] stateOut, double[] xAccumulate);

    /**
     * The Jacobian-vector product {@code out ← A u + B w} at {@code (x, state)}.
     *
     * @param u   length {@link #stateSize()}
     * @param w   length {@code n}, or {@code null} for {@code w = 0}
     * @param out length {@link #stateSize()}, distinct from {@code u}
     */
    void jvp(double[] x, double[] state, double[] u, double[] w, double[] out);

    /**
     * The stationarity measure of the inner problem at the {@code y} of {@code state}, for maps whose lower
     * problem is not smooth (forward-backward on {@code h + r}: the gradient-mapping norm
     * {@code ‖y − prox(y − η∇h)‖/η}); schedules and diagnostics then use it in place of {@code ‖∇_y g‖}.
     * The default returns NaN, meaning "use {@code ‖∇_y g(x, y)‖}".
     */
    default double stationarity(double[] x, double[] state) {
        return Double.NaN;
    }

    /** @return gradient evaluations of {@code g} made by this map so far. */
    long gradientEvaluations();

    /** @return Hessian-vector products {@code H_yy v} made by this map so far. */
    long hessianVectorProducts();

    /** @return mixed products {@code H_yx u} or {@code H_yxᵀ w} made by this map so far. */
    long mixedProducts();

    /**
     * @return whether the map met a numerical failure since the last {@link #prepare} (for example a Newton
     *         system that was singular or indefinite); the default is never
     */
    default boolean failed() {
        return false;
    }

    /**
     * @return what this map carries from one run to the next besides the state (for example the warm start of a
     *         power iteration estimating the step), as numbers for a checkpoint; the default carries nothing
     */
    default double[] memory() {
        return new double[0];
    }

    /**
     * Restores what {@link #memory()} returned, so that a resumed run steps bit for bit as the saved one.
     *
     * @throws IllegalArgumentException when {@code memory} does not fit this map
     */
    default void restoreMemory(double[] memory) {
        if (memory.length != 0) {
            throw new IllegalArgumentException("memory has " + memory.length + " values, expected 0 ("
                    + getClass().getSimpleName() + " carries nothing between runs)");
        }
    }
}
