package org.tandemopt.bilevel.nonsmooth;

/**
 * The result of support-restricted implicit differentiation at a solution {@code y*} of
 * {@code min_y h(x, y) + r(x, y)}: the Jacobian {@code ∂y*(x)/∂x} (an {@code m × n} array, rows off the support
 * exactly zero; {@code null} when refused), the identified support and kinks, and the qualification numbers.
 *
 * @param status                 whether the Jacobian can be trusted
 * @param jacobian               {@code m × n}, or null when {@code status} is NOT_QUALIFIED, NOT_SEPARABLE or NON_FINITE
 * @param support                the coordinates with a nonzero selected prox derivative (sorted)
 * @param kinks                  the coordinates on a kink (sorted; empty when none, null when the prox cannot tell)
 * @param sigmaMin               the smallest singular value of {@code I − A_SS} for the selected element
 * @param sigmaMinLower          the same for the smallest selection at the kinks (NaN without kinks)
 * @param sigmaMinUpper          the same for the largest selection at the kinks (NaN without kinks)
 * @param kinkSpread             the largest entry of {@code |J_upper − J_lower|} (0 without kinks)
 * @param fixedPointResidual     {@code ‖y − prox(y − η∇_y h)‖/η} at the given {@code y}
 * @param step                   the step {@code η} of the forward-backward map that was differentiated
 * @param hessianVectorProducts  {@code H_yy} products of the restricted systems ({@code |S|}, more with kinks; the
 *                               power iteration for {@code η} is not counted)
 */
public record NonsmoothJacobian(NonsmoothStatus status, double[][] jacobian, int[] support, int[] kinks,
                                double sigmaMin, double sigmaMinLower, double sigmaMinUpper, double kinkSpread,
                                double fixedPointResidual, double step, long hessianVectorProducts) {

    /** @return {@code ∂y*_i(x) / ∂x_j}. */
    public double jacobian(int i, int j) {
        return jacobian[i][j];
    }

    /** @return whether the status is OK. */
    public boolean ok() {
        return status == NonsmoothStatus.OK;
    }

    @Override
    public String toString() {
        return "NonsmoothJacobian{" + status + ", support=" + java.util.Arrays.toString(support) + ", kinks="
                + java.util.Arrays.toString(kinks) + ", sigmaMin=" + sigmaMin + ", sigmaMinLower=" + sigmaMinLower
                + ", sigmaMinUpper=" + sigmaMinUpper + ", kinkSpread=" + kinkSpread + ", fixedPointResidual="
                + fixedPointResidual + ", step=" + step + "}";
    }
}
