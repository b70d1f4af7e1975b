package org.tandemopt.core.robustness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tandemopt.core.autodiff.AdFunction;
import org.tandemopt.core.autodiff.AutoDiff;
import org.tandemopt.core.autodiff.Expr;
import org.tandemopt.core.autodiff.Graph;
import org.tandemopt.core.autodiff.GraphBuilder;
import org.tandemopt.core.linalg.DenseMatrix;
import org.tandemopt.core.testing.FuzzCalls;

/**
 * Seeded fuzzing of {@code core.autodiff}: each seed records a random program of up to five vector operations
 * (elementwise arithmetic with broadcasting, dot products, matrix products, reshape, slice, bias rows,
 * concatenation, powers, softmax cross-entropy) on a matrix input, with operand shapes that conform or (half
 * the seeds, once) do not, then evaluates the compiled function with right or wrong array lengths. A
 * non-conforming operation throws an {@link IllegalArgumentException} at recording time naming the operation
 * and the operand's shape; a wrong-length array at evaluation throws one naming the array; every accepted
 * program's gradient matches central finite differences and its Hessian-vector product matches finite
 * differences of the gradient.
 */
class AutodiffFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 400);
    }

    static double[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble(lo, hi);
        }
        return v;
    }

    static String shape(Expr e) {
        return e.rows() + "x" + e.cols();
    }

    /** One recording step: the operation's name, whether its operands conform, the call, the words to expect. */
    record Step(String op, boolean valid, Supplier<Expr> call, List<String> named) {
    }

    /**
     * Draws one operation on {@code e}; with {@code wrong} the operand's shape or argument is drawn at random
     * (usually not conforming), otherwise it conforms.
     */
    static Step draw(SplittableRandom rnd, GraphBuilder b, Expr e, boolean wrong) {
        int r = e.rows();
        int c = e.cols();
        int size = e.size();
        int pr = wrong ? 1 + rnd.nextInt(4) : r;
        int pc = wrong ? 1 + rnd.nextInt(4) : c;
        switch (rnd.nextInt(14)) {
            case 0, 1 -> {
                boolean scalar = !wrong && rnd.nextInt(3) == 0;
                int rr = scalar ? 1 : pr;
                int cc = scalar ? 1 : pc;
                Expr other = b.constant(rr, cc, uniform(rnd, rr * cc, 1, 2));
                boolean valid = (rr == r && cc == c) || rr * cc == 1 || size == 1;
                String op = new String[] {"plus", "minus", "times", "div"}[rnd.nextInt(4)];
                Supplier<Expr> call = switch (op) {
                    case "plus" -> () -> e.plus(other);
                    case "minus" -> () -> other.minus(e);
                    case "times" -> () -> e.times(other);
                    default -> () -> e.div(other);
                };
                return new Step(op, valid, call, List.of(op, shape(e), rr + "x" + cc));
            }
            case 2 -> {
                Expr other = b.constant(pr, pc, uniform(rnd, pr * pc, -1, 1));
                return new Step("dot", pr * pc == size, () -> e.dot(other), List.of("dot", shape(e)));
            }
            case 3 -> {
                int p = wrong ? 1 + rnd.nextInt(4) : c;
                int q = 1 + rnd.nextInt(3);
                Expr other = b.constant(p, q, uniform(rnd, p * q, -1, 1));
                return new Step("matmul", p == c, () -> e.matmul(other), List.of("matmul", shape(e), p + "x" + q));
            }
            case 4 -> {
                int p = wrong ? 1 + rnd.nextInt(4) : r;
                int q = 1 + rnd.nextInt(3);
                Expr other = b.constant(p, q, uniform(rnd, p * q, -1, 1));
                return new Step("transposeMatmul", p == r, () -> e.transposeMatmul(other),
                        List.of("transposeMatmul", shape(e), p + "x" + q));
            }
            case 5 -> {
                int q = wrong ? 1 + rnd.nextInt(4) : r;
                int p = 1 + rnd.nextInt(3);
                DenseMatrix a = DenseMatrix.of(p, q, uniform(rnd, p * q, -1, 1));
                return new Step("premultiply", q == r, () -> e.premultiply(a),
                        List.of("premultiply", shape(e), p + "x" + q));
            }
            case 6 -> {
                int rr = wrong ? rnd.nextInt(6) - 1 : size;
                int cc = wrong ? rnd.nextInt(6) - 1 : 1;
                return new Step("reshape", rr >= 1 && cc >= 1 && rr * cc == size, () -> e.reshape(rr, cc),
                        List.of("reshape", shape(e), rr + "x" + cc));
            }
            case 7 -> {
                int from = wrong ? rnd.nextInt(size + 3) - 1 : rnd.nextInt(size);
                int to = wrong ? rnd.nextInt(size + 3) - 1 : from + 1 + rnd.nextInt(size - from);
                return new Step("slice", 0 <= from && from < to && to <= size, () -> e.slice(from, to),
                        List.of("slice", shape(e), "[" + from + ", " + to + ")"));
            }
            case 8 -> {
                int s = wrong ? 1 + rnd.nextInt(4) : c;
                Expr row = b.constant(uniform(rnd, s, -1, 1));
                return new Step("plusRow", s == c, () -> e.plusRow(row), List.of("plusRow", shape(e), s + "x1"));
            }
            case 9 -> {
                int len = wrong ? rnd.nextInt(size + 2) : size;
                double[] k = uniform(rnd, len, -1, 1);
                return new Step("minus", len == size, () -> e.minus(k),
                        List.of("minus", shape(e), "length " + len));
            }
            case 10 -> {
                int[] labels = new int[wrong ? rnd.nextInt(r + 2) : r];
                boolean inRange = true;
                for (int i = 0; i < labels.length; i++) {
                    labels[i] = wrong && rnd.nextInt(3) == 0 ? rnd.nextInt(c + 2) - 1 : rnd.nextInt(c);
                    inRange &= labels[i] >= 0 && labels[i] < c;
                }
                return new Step("softmaxCrossEntropy", labels.length == r && inRange, () -> e.softmaxCrossEntropy(labels),
                        List.of("softmaxCrossEntropy", shape(e)));
            }
            case 11 -> {
                double k = wrong ? new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 3}
                        [rnd.nextInt(4)] : new double[] {2, 3, 4}[rnd.nextInt(3)];
                return new Step("pow", Double.isFinite(k), () -> e.tanh().pow(k), List.of("pow", "exponent"));
            }
            case 12 -> {
                if (wrong) {
                    Expr foreign = new GraphBuilder().input("z", r, c);
                    return rnd.nextBoolean()
                            ? new Step("plus", false, () -> e.plus(foreign), List.of("plus", "another GraphBuilder"))
                            : new Step("dot", false, () -> e.dot((Expr) null), List.of("dot", "null"));
                }
                return new Step("concat", true, () -> e.concat(b.constant(uniform(rnd, 2, -1, 1))), List.of());
            }
            default -> {
                int f = rnd.nextInt(4);
                return new Step("unary", true, () -> switch (f) {
                    case 0 -> e.tanh();
                    case 1 -> e.sigmoid();
                    case 2 -> e.softplus();
                    default -> e.square().times(0.5);
                }, List.of());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void recordingRefusesNonConformingShapesAndEvaluationIsExact(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        GraphBuilder b = new GraphBuilder();
        int rows = 1 + rnd.nextInt(3);
        int cols = 1 + rnd.nextInt(3);
        Expr e = b.input("x", rows, cols);
        int length = 1 + rnd.nextInt(5);
        // half the seeds record one operation with operands drawn at random shapes
        int wrongAt = rnd.nextBoolean() ? rnd.nextInt(length) : -1;
        for (int k = 0; k < length; k++) {
            Step step = draw(rnd, b, e, k == wrongAt);
            Expr next;
            try {
                next = step.call().get();
            } catch (IllegalArgumentException ex) {
                assertTrue(!step.valid(), step.op() + " on " + shape(e) + " refused conforming operands: "
                        + ex.getMessage());
                for (String word : step.named()) {
                    assertTrue(ex.getMessage().contains(word), "message '" + ex.getMessage() + "' does not name "
                            + word);
                }
                return;
            }
            assertTrue(step.valid(), step.op() + " on " + shape(e) + " accepted non-conforming operands: " + next);
            e = next;
        }
        // the output must be a scalar: a non-scalar is refused by build, naming its shape
        Expr output = e.size() == 1 || rnd.nextInt(4) == 0 ? e : e.sum();
        Graph graph;
        try {
            graph = b.build(output);
        } catch (IllegalArgumentException ex) {
            assertTrue(output.size() != 1, "scalar output refused: " + ex.getMessage());
            assertTrue(ex.getMessage().contains("output") && ex.getMessage().contains(shape(output)), ex.getMessage());
            return;
        }
        assertEquals(1, output.size());
        checkEvaluation(rnd, AutoDiff.function(graph), rows * cols);
    }

    /** Evaluates with a right or wrong length (IAE naming the array), then checks derivatives. */
    static void checkEvaluation(SplittableRandom rnd, AdFunction f, int n) {
        assertEquals(n, f.dimension());
        double[] x = uniform(rnd, n, -1, 1);
        double[] g = new double[n];
        double[] v = uniform(rnd, n, -1, 1);
        double[] hv = new double[n];
        int fault = rnd.nextBoolean() ? -1 : rnd.nextInt(5);
        int wrong = rnd.nextBoolean() ? n + 1 : n - 1;
        List<String> names = new ArrayList<>();
        Runnable call;
        switch (fault) {
            case 0 -> {
                double[] bad = rnd.nextBoolean() ? null : new double[wrong];
                call = () -> f.value(bad);
                names.add("x");
            }
            case 1 -> {
                double[] bad = new double[wrong];
                call = () -> f.valueAndGradient(x, bad);
                names.add("gradientOut");
            }
            case 2 -> {
                double[] bad = new double[wrong];
                call = () -> f.valueAndGradient(bad, g);
                names.add("x");
            }
            case 3 -> {
                double[] bad = new double[wrong];
                call = () -> f.hessianVector(x, bad, hv);
                names.add("direction");
                names.add("v");
            }
            case 4 -> {
                double[] bad = rnd.nextBoolean() ? null : new double[wrong];
                call = () -> f.hessianVector(x, v, bad);
                names.add("out");
            }
            default -> call = null;
        }
        if (call != null && !FuzzCalls.runs(names, call, f::toString)) {
            return;
        }
        double value = f.valueAndGradient(x, g);
        if (!Double.isFinite(value)) {
            return;
        }
        assertEquals(value, f.value(x), 0.0, "value and valueAndGradient disagree");
        f.hessianVector(x, v, hv);
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int i = 0; i < n; i++) {
            double h = 1e-5;
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (f.value(xp) - f.value(xm)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * (1 + Math.abs(fd) + Math.abs(value)), "gradient[" + i + "] of " + f
                    + " at " + Arrays.toString(x) + "\n" + String.join("\n", f.graph().describe()));
        }
        double h = 1e-5;
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < n; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        f.valueAndGradient(xp, gp);
        f.valueAndGradient(xm, gm);
        double scale = 0;
        for (int i = 0; i < n; i++) {
            scale = Math.max(scale, Math.abs(g[i]));
        }
        for (int i = 0; i < n; i++) {
            double fd = (gp[i] - gm[i]) / (2 * h);
            assertEquals(fd, hv[i], 1e-5 * (1 + Math.abs(fd) + scale), "Hessian-vector[" + i + "] of " + f
                    + "\n" + String.join("\n", f.graph().describe()));
        }
    }
}
