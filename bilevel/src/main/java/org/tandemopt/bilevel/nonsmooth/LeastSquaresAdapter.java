package org.tandemopt.bilevel.nonsmooth;

import org.tandemopt.core.function.ParametricFunction;

/** Checks that a lower objective is the explicit least-squares loss the splitting methods need. */
final class LeastSquaresAdapter {

    private LeastSquaresAdapter() {
    }

    static LeastSquaresLoss require(ParametricFunction lower) {
        if (lower instanceof LeastSquaresLoss ls) {
            return ls;
        }
        throw new IllegalArgumentException("lower = " + lower + ", expected a LeastSquaresLoss (Douglas–Rachford and "
                + "ADMM solve with I + γcAᵀA and need the explicit matrix)");
    }
}
