package org.tandemopt.core.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * The default surefire execution runs without {@code jdk.incubator.vector}: {@link MatrixKernels} must then
 * take the scalar path (and so never load the Vector API class).
 */
class MatrixKernelsPathTest {

    @Test
    void scalarPathWithoutTheVectorModule() {
        assertFalse(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                "the default test JVM is expected to run without --add-modules jdk.incubator.vector");
        assertFalse(MatrixKernels.simdEnabled());
        assertEquals("scalar", MatrixKernels.implementation());
        // the kernels run (a NoClassDefFoundError here would mean SimdKernels was touched)
        double[] y = new double[2];
        double[] z = new double[3];
        MatrixKernels.multiplyThenTranspose(new double[] {1, 2, 3, 4, 5, 6}, 2, 3, new double[] {1, 1, 1}, y, z);
        assertEquals(6.0, y[0], 0.0);
        assertEquals(15.0, y[1], 0.0);
        assertEquals(66.0, z[0], 0.0);   // 1*6 + 4*15
        assertEquals(87.0, z[1], 0.0);   // 2*6 + 5*15
        assertEquals(108.0, z[2], 0.0);  // 3*6 + 6*15
    }
}
