package org.tandemopt.core.linesearch;

import org.tandemopt.core.function.Functions;

/**
 * The two-point step sizes of J. Barzilai and J. M. Borwein, "Two-point step size gradient methods", IMA
 * Journal of Numerical Analysis 8 (1988), 141–148. With {@code s = x_k − x_{k−1}} and
 * {@code y = ∇J(x_k) − ∇J(x_{k−1})}:
 * <pre>
 *   BB1 (long)  t_k = sᵀs / sᵀy
 *   BB2 (short) t_k = sᵀy / yᵀy
 * </pre>
 * either one, or alternating (BB1 on odd, BB2 on even iterations), clipped to {@code [minStep, maxStep]}.
 * The formulas are the secant (quasi-Newton) fits of a scalar Hessian {@code t⁻¹ I} and are meant for the
 * gradient direction {@code d = −∇J}. When {@code sᵀy ≤ 0} (negative curvature seen along the last step) or
 * a formula is not finite, the previous step is used again. The first search, with no previous point, uses
 * {@code firstStep}, by default {@code 1 / ‖∇J(x_0)‖_∞}.
 *
 * <p>Without safeguard the rule never evaluates the line: on strongly convex quadratics the method converges
 * (Raydan 1993) although the values are not monotone. With the optional nonmonotone safeguard of
 * L. Grippo, F. Lampariello, S. Lucidi ("A nonmonotone line search technique for Newton's method", SIAM
 * J. Numer. Anal. 23, 1986) as used for BB by M. Raydan ("The Barzilai and Borwein gradient method for the
 * large scale unconstrained minimization problem", SIAM J. Optim. 7, 1997), the BB step is the first trial
 * and is halved until
 * <pre>
 *   φ(t) ≤ max_{0 ≤ j &lt; M} J(x_{k−j}) + γ t φ'(0),
 * </pre>
 * which makes the method globally convergent on smooth non-convex functions while keeping the BB steps
 * almost always.
 *
 * <p>When to use: large smooth problems where a quasi-Newton memory is too costly and a line search per
 * iteration too slow — the BB step costs two dot products.
 *
 * <p>Defaults: {@link Formula#LONG} (BB1), first step {@code 1/‖∇J(x_0)‖_∞}, steps in {@code [1e-10, 1e10]}, no
 * nonmonotone safeguard ({@code M = 0}); with the safeguard {@code γ = 1e-4}, halving, at most 60 trials.
 * The per-run memory (previous point, previous gradient, iteration parity, last step, recent values) is
 * exported by {@link StepSearch#memory()} and restored by {@link StepSearch#restore(double[])}.
 *
 * <pre>{@code
 * GradientDescent bb = GradientDescent.withStepRule(BarzilaiBorwein.builder().nonmonotone(10).build());
 * }</pre>
 */
public final class BarzilaiBorwein implements StepRule {

    /** Which two-point formula to use. */
    public enum Formula {
        /** BB1, {@code sᵀs / sᵀy}: the longer of the two steps (by Cauchy–Schwarz). */
        LONG,
        /** BB2, {@code sᵀy / yᵀy}: the shorter step. */
        SHORT,
        /** BB1 on odd, BB2 on even iterations (counted from 1 for the first two-point step). */
        ALTERNATING
    }

    private static final int HEADER = 5;

    private final Formula formula;
    private final double firstStep;
    private final double minStep;
    private final double maxStep;
    private final int nonmonotoneMemory;
    private final double armijo;
    private final double shrink;
    private final int maxTrials;

    private BarzilaiBorwein(Builder b) {
        if (b.minStep >= b.maxStep) {
            throw new IllegalArgumentException("minStep = " + b.minStep + " must be below maxStep = " + b.maxStep);
        }
        this.formula = b.formula;
        this.firstStep = b.firstStep;
        this.minStep = b.minStep;
        this.maxStep = b.maxStep;
        this.nonmonotoneMemory = b.nonmonotoneMemory;
        this.armijo = b.armijo;
        this.shrink = b.shrink;
        this.maxTrials = b.maxTrials;
    }

    /** @return BB1 with every default (no safeguard). */
    public static BarzilaiBorwein defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public Formula formula() { return formula; }
    /** @return the first step, or NaN for the default {@code 1/‖∇J(x_0)‖_∞}. */
    public double firstStep() { return firstStep; }
    public double minStep() { return minStep; }
    public double maxStep() { return maxStep; }
    /** @return the nonmonotone memory {@code M}; 0 when the safeguard is off. */
    public int nonmonotoneMemory() { return nonmonotoneMemory; }

    @Override
    public boolean evaluatesLine() {
        return nonmonotoneMemory > 0;
    }

    @Override
    public StepSearch newSearch(int dimension) {
        Functions.requireAtLeast("dimension", dimension, 1);
        return new Search(dimension);
    }

    @Override
    public String toString() {
        return "BarzilaiBorwein{" + formula + ", steps in [" + minStep + ", " + maxStep + "]"
                + (Double.isNaN(firstStep) ? "" : ", firstStep=" + firstStep)
                + (nonmonotoneMemory > 0 ? ", nonmonotone M=" + nonmonotoneMemory + ", c=" + armijo : "") + "}";
    }

    private final class Search implements StepSearch {
        private final double[] prevX;
        private final double[] prevG;
        private final double[] values;
        private boolean hasPrevious;
        private long twoPointSteps;
        private double lastStep = Double.NaN;
        private int valueCount;
        private int valueHead;
        private int evaluations;

        Search(int n) {
            prevX = new double[n];
            prevG = new double[n];
            values = new double[Math.max(nonmonotoneMemory, 0)];
        }

        @Override
        public double search(LineFunction line, double value0, double slope0, double[] x, double[] gradient) {
            evaluations = 0;
            double t = twoPointStep(x, gradient);
            for (int i = 0; i < x.length; i++) {
                prevX[i] = x[i];
                prevG[i] = gradient[i];
            }
            hasPrevious = true;
            if (nonmonotoneMemory > 0) {
                t = nonmonotone(line, value0, slope0, t);
            }
            if (t > 0) {
                lastStep = t;
            }
            return t;
        }

        private double twoPointStep(double[] x, double[] g) {
            if (!hasPrevious) {
                double t = firstStep;
                if (Double.isNaN(t)) {
                    double inf = 0;
                    for (double gi : g) {
                        inf = Math.max(inf, Math.abs(gi));
                    }
                    t = inf > 0 ? 1 / inf : 1;
                }
                return clip(t);
            }
            double ss = 0;
            double sy = 0;
            double yy = 0;
            for (int i = 0; i < x.length; i++) {
                double si = x[i] - prevX[i];
                double yi = g[i] - prevG[i];
                ss += si * si;
                sy += si * yi;
                yy += yi * yi;
            }
            twoPointSteps++;
            boolean useLong = formula == Formula.LONG || (formula == Formula.ALTERNATING && (twoPointSteps & 1) == 1);
            double t = useLong ? ss / sy : sy / yy;
            if (!(sy > 0) || !Double.isFinite(t) || !(t > 0)) {
                t = Double.isNaN(lastStep) ? clip(Double.isNaN(firstStep) ? 1 : firstStep) : lastStep;
            }
            return clip(t);
        }

        private double clip(double t) {
            return Math.max(minStep, Math.min(maxStep, t));
        }

        private double nonmonotone(LineFunction line, double value0, double slope0, double t) {
            values[valueHead] = value0;
            valueHead = (valueHead + 1) % values.length;
            valueCount = Math.min(valueCount + 1, values.length);
            double reference = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < valueCount; j++) {
                reference = Math.max(reference, values[j]);
            }
            for (int trial = 0; trial < maxTrials; trial++) {
                double v = line.value(t);
                evaluations++;
                if (Double.isFinite(v) && v <= reference + armijo * t * slope0) {
                    return t;
                }
                t *= shrink;
            }
            return Double.NaN;
        }

        @Override
        public int lastEvaluations() {
            return evaluations;
        }

        /** Layout: hasPrevious, twoPointSteps, lastStep, valueCount, valueHead, prevX, prevG, values. */
        @Override
        public double[] memory() {
            int n = prevX.length;
            double[] m = new double[HEADER + 2 * n + values.length];
            m[0] = hasPrevious ? 1 : 0;
            m[1] = twoPointSteps;
            m[2] = lastStep;
            m[3] = valueCount;
            m[4] = valueHead;
            System.arraycopy(prevX, 0, m, HEADER, n);
            System.arraycopy(prevG, 0, m, HEADER + n, n);
            System.arraycopy(values, 0, m, HEADER + 2 * n, values.length);
            return m;
        }

        @Override
        public void restore(double[] memory) {
            int n = prevX.length;
            Functions.requireLength("memory", memory, HEADER + 2 * n + values.length);
            hasPrevious = memory[0] != 0;
            twoPointSteps = (long) memory[1];
            lastStep = memory[2];
            valueCount = (int) memory[3];
            valueHead = (int) memory[4];
            if (valueCount < 0 || valueCount > values.length || valueHead < 0
                    || (values.length > 0 && valueHead >= values.length)) {
                throw new IllegalArgumentException("memory[3..4] = " + memory[3] + ", " + memory[4]
                        + ", expected value counters within the nonmonotone memory " + values.length);
            }
            System.arraycopy(memory, HEADER, prevX, 0, n);
            System.arraycopy(memory, HEADER + n, prevG, 0, n);
            System.arraycopy(memory, HEADER + 2 * n, values, 0, values.length);
        }
    }

    /** Validated builder. */
    public static final class Builder {
        private Formula formula = Formula.LONG;
        private double firstStep = Double.NaN;
        private double minStep = 1e-10;
        private double maxStep = 1e10;
        private int nonmonotoneMemory;
        private double armijo = 1e-4;
        private double shrink = 0.5;
        private int maxTrials = 60;

        private Builder() {
        }

        /** The formula (default {@link Formula#LONG}). */
        public Builder formula(Formula f) {
            this.formula = Functions.requireNonNull("formula", f);
            return this;
        }

        /** The step of the first search, {@code > 0} (default {@code 1/‖∇J(x_0)‖_∞}). */
        public Builder firstStep(double t) {
            this.firstStep = Functions.requirePositive("firstStep", t);
            return this;
        }

        /** Smallest step, {@code > 0} (default 1e-10). */
        public Builder minStep(double t) {
            this.minStep = Functions.requirePositive("minStep", t);
            return this;
        }

        /** Largest step, {@code > 0} (default 1e10). */
        public Builder maxStep(double t) {
            this.maxStep = Functions.requirePositive("maxStep", t);
            return this;
        }

        /**
         * Switches the Grippo–Lampariello–Lucidi safeguard on with memory {@code M ≥ 1} ({@code M = 1} is the
         * monotone Armijo test), or off with 0 (default 0; Raydan 1997 uses 10); at most 10 000 (the window of past
         * values is allocated per run).
         */
        public Builder nonmonotone(int m) {
            if (m < 0 || m > 10_000) {
                throw new IllegalArgumentException("nonmonotone = " + m + ", expected a window length in [0, 10000]");
            }
            this.nonmonotoneMemory = m;
            return this;
        }

        /** Sufficient-decrease constant {@code γ ∈ (0, 1)} of the safeguard (default 1e-4). */
        public Builder armijo(double c) {
            this.armijo = Functions.requireOpenRange("armijo", c, 0, 1);
            return this;
        }

        /** Shrink factor of the safeguard, in {@code (0, 1)} (default 0.5). */
        public Builder shrink(double rho) {
            this.shrink = Functions.requireOpenRange("shrink", rho, 0, 1);
            return this;
        }

        /** Trials of the safeguard per search, at least 1 (default 60). */
        public Builder maxTrials(int n) {
            this.maxTrials = Functions.requireAtLeast("maxTrials", n, 1);
            return this;
        }

        public BarzilaiBorwein build() {
            return new BarzilaiBorwein(this);
        }
    }
}
