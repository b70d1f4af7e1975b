package org.tandemopt.core.autodiff;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tandemopt.core.linalg.DenseMatrix;

/** Shape errors fail when the operation is recorded, length errors at the first evaluation; messages name both. */
class BadInputTest {

    private static void fails(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) {
            assertTrue(ex.getMessage().contains(f), "message '" + ex.getMessage() + "' lacks '" + f + "'");
        }
    }

    @Test
    void elementwiseShapeMismatchNamesTheOperationAndShapes() {
        GraphBuilder b = new GraphBuilder();
        Expr x = b.input("x", 3);
        Expr y = b.input("y", 4);
        fails(() -> x.plus(y), "plus", "3x1", "4x1");
        fails(() -> x.times(y), "times", "3x1", "4x1");
        fails(() -> x.div(y), "div", "3x1", "4x1");
        fails(() -> x.max(y), "max", "3x1", "4x1");
        fails(() -> x.dot(y), "dot", "3", "4");
        fails(() -> x.times(new double[] {1, 2}), "times", "length 2", "3x1");
        fails(() -> x.reshape(3, 1).plus(x.reshape(1, 3)), "plus", "3x1", "1x3");
    }

    @Test
    void matrixShapeMismatchNamesTheOperationAndShapes() {
        GraphBuilder b = new GraphBuilder();
        Expr x = b.input("x", 3);
        DenseMatrix a = DenseMatrix.of(2, 4, new double[8]);
        fails(() -> x.premultiply(a), "premultiply", "2x4", "3x1");
        fails(() -> x.premultiplyTranspose(a), "premultiplyTranspose", "2x4", "3x1");
        fails(() -> b.constant(a).matmul(x), "matmul", "2x4", "3x1");
        fails(() -> x.reshape(2, 2), "reshape", "3x1", "2x2");
        fails(() -> x.reshape(3, 1).plusRow(x), "plusRow", "3x1");
        fails(() -> x.slice(2, 5), "slice", "[2, 5)", "3x1");
        fails(() -> x.reshape(1, 3).softmaxCrossEntropy(new int[] {3}), "softmaxCrossEntropy", "labels[0] = 3", "1x3");
        fails(() -> x.reshape(1, 3).softmaxCrossEntropy(new int[] {0, 1}), "softmaxCrossEntropy", "2 labels");
    }

    @Test
    void definitionErrors() {
        fails(() -> AutoDiff.function(3, x -> x.exp()), "build", "3x1", "scalar");
        GraphBuilder other = new GraphBuilder();
        Expr foreign = other.input("z", 3);
        fails(() -> AutoDiff.function(3, x -> x.dot(foreign)), "dot", "another GraphBuilder");
        fails(() -> AutoDiff.function(0, x -> x.sum()), "dimension = 0");
        GraphBuilder b = new GraphBuilder();
        b.input("x", 2);
        fails(() -> b.input("x", 2), "input name x");
        fails(() -> new GraphBuilder().input("w", 0), "rows of input w = 0");
        fails(() -> AutoDiff.function(b.build(b.scalar(1).plus(b.input("y", 1)).sum())), "2 inputs", "expected 1");
        fails(() -> new GraphBuilder().input("x", 2).pow(Double.NaN), "pow", "NaN");
        fails(() -> new GraphBuilder().input("x", 2).softThreshold(-1), "softThreshold lambda = -1.0");
    }

    @Test
    void lengthMismatchFailsAtEvaluationNamingTheArgument() {
        AdFunction f = AutoDiff.function(3, x -> x.squaredNorm());
        fails(() -> f.value(new double[2]), "x has length 2, expected 3");
        fails(() -> f.valueAndGradient(new double[3], new double[4]), "gradientOut has length 4, expected 3");
        fails(() -> f.hessianVector(new double[3], new double[2], new double[3]), "direction has length 2, expected 3");
        AdParametricFunction h = AutoDiff.parametric(2, 3, (x, y) -> x.sum().times(y.sum()));
        fails(() -> h.value(new double[2], new double[2]), "y has length 2, expected 3");
        fails(() -> h.value(new double[3], new double[3]), "x has length 3, expected 2");
        fails(() -> h.crossTranspose(new double[2], new double[3], new double[3], new double[3]),
                "out has length 3, expected 2");
        fails(() -> h.cross(new double[2], new double[3], new double[3], new double[3]),
                "direction has length 3, expected 2");
    }

    @Test
    void workspaceMisuse() {
        AdParametricFunction h = AutoDiff.parametric(2, 3, (x, y) -> x.sum().times(y.sum()));
        Workspace ws = h.graph().newWorkspace();
        fails(() -> ws.setInput(2, new double[1]), "input index = 2", "0..1");
        ws.setInput(0, new double[2]);
        IllegalStateException e = assertThrows(IllegalStateException.class, ws::value);
        assertTrue(e.getMessage().contains("input y"), e.getMessage());
        fails(() -> ws.gradients(new double[1][]), "gradientsOut has length 1, expected 2");
    }
}
