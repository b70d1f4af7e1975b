package org.tandemopt.bilevel.problems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.tandemopt.core.linalg.DenseMatrix;

/**
 * Regression found by {@code EstimatorsFuzzTest}: a NaN or infinite entry of the training or validation matrix
 * was accepted (the targets were checked, the matrices not) and surfaced only as NaN derivatives.
 */
class RidgeDataRegressionTest {

    static final DenseMatrix GOOD = DenseMatrix.of(new double[][] {{1, 0}, {0, 1}, {1, 1}});
    static final double[] TARGETS = {1, 2, 3};

    @Test
    void nonFiniteDesignEntriesAreRefusedWithTheirPosition() {
        DenseMatrix nanTrain = DenseMatrix.of(new double[][] {{1, 0}, {0, Double.NaN}, {1, 1}});
        assertEquals("a[1][1] = NaN, expected finite data", assertThrows(IllegalArgumentException.class,
                () -> RidgeHyperparameters.shared(nanTrain, TARGETS, GOOD, TARGETS)).getMessage());
        DenseMatrix infValidation = DenseMatrix.of(new double[][] {{1, 0}, {0, 1}, {Double.NEGATIVE_INFINITY, 1}});
        assertEquals("v[2][0] = -Infinity, expected finite data", assertThrows(IllegalArgumentException.class,
                () -> RidgeHyperparameters.perFeature(GOOD, TARGETS, infValidation, TARGETS)).getMessage());
        assertEquals(2, RidgeHyperparameters.perFeature(GOOD, TARGETS, GOOD, TARGETS).parameterDimension());
    }
}
