package org.tandemopt.minmax;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.optim.prox.Projection;

/**
 * An immutable min-max or min-min problem: the function {@code L(x, y)}, the {@link Sense}, optional
 * feasible sets {@code X} and {@code Y} given by their Euclidean projections (box, simplex, ball from
 * {@code org.tandemopt.core.optim.prox}, or any user {@link Projection}), the start point and, for tests
 * and benchmarks, an optional known solution {@code (x*, y*)}. Problems carry no tolerances: those belong
 * to {@code SolveOptions}.
 *
 * <pre>{@code
 * MinMaxProblem p = MinMaxProblem.builder(L)
 *         .feasibleY(SimplexProjection.probability(3))
 *         .start(new double[] {0, 0}, new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3})
 *         .build();
 * }</pre>
 *
 * <p>Everything is validated when the problem is built; a failure is an {@link IllegalArgumentException}
 * naming the argument: a null function, a start of the wrong length or with a non-finite entry, a projection
 * whose dimension is neither {@code −1} (any) nor the player's dimension, a start outside its feasible set
 * (tolerance {@code 1e-9 · max(1, ‖start‖∞)}), a known solution of the wrong length.
 */
public final class MinMaxProblem {

    private final SaddleFunction function;
    private final Sense sense;
    private final Projection feasibleX;
    private final Projection feasibleY;
    private final double[] startX;
    private final double[] startY;
    private final double[] solutionX;
    private final double[] solutionY;

    private MinMaxProblem(Builder b) {
        this.function = b.function;
        this.sense = b.sense;
        this.feasibleX = b.feasibleX;
        this.feasibleY = b.feasibleY;
        int n = function.xDimension();
        int m = function.yDimension();
        Functions.requireAtLeast("function.xDimension()", n, 1);
        Functions.requireAtLeast("function.yDimension()", m, 1);
        this.startX = Functions.requireFinite("startX", b.startX, n).clone();
        this.startY = Functions.requireFinite("startY", b.startY, m).clone();
        checkProjection("feasibleX", feasibleX, n, "startX", startX);
        checkProjection("feasibleY", feasibleY, m, "startY", startY);
        if ((b.solutionX == null) != (b.solutionY == null)) {
            throw new IllegalArgumentException("knownSolution: give both x* and y*");
        }
        this.solutionX = b.solutionX == null ? null : Functions.requireFinite("solutionX", b.solutionX, n).clone();
        this.solutionY = b.solutionY == null ? null : Functions.requireFinite("solutionY", b.solutionY, m).clone();
    }

    private static void checkProjection(String name, Projection p, int dim, String startName, double[] start) {
        if (p == null) {
            return;
        }
        if (p.dimension() != -1 && p.dimension() != dim) {
            throw new IllegalArgumentException(name + " has dimension " + p.dimension() + ", expected " + dim
                    + " (or -1 for any dimension)");
        }
        double scale = 1;
        for (double v : start) {
            scale = Math.max(scale, Math.abs(v));
        }
        if (!p.contains(start, 1e-9 * scale)) {
            throw new IllegalArgumentException(startName + " is not in " + name + " (" + p
                    + "); expected a feasible start, for example its projection");
        }
    }

    /** @return a builder for {@code L}, with sense MIN_MAX, no constraints and no start yet. */
    public static Builder builder(SaddleFunction function) {
        return new Builder(Functions.requireNonNull("function", function));
    }

    /** @return {@code L}. */
    public SaddleFunction function() { return function; }
    /** @return the sense. */
    public Sense sense() { return sense; }
    /** @return the projection onto {@code X}, or {@code null} when {@code x} is free. */
    public Projection feasibleX() { return feasibleX; }
    /** @return the projection onto {@code Y}, or {@code null} when {@code y} is free. */
    public Projection feasibleY() { return feasibleY; }
    /** @return {@code n}. */
    public int xDimension() { return startX.length; }
    /** @return {@code m}. */
    public int yDimension() { return startY.length; }
    /** @return a copy of the start of {@code x}. */
    public double[] startX() { return startX.clone(); }
    /** @return a copy of the start of {@code y}. */
    public double[] startY() { return startY.clone(); }
    /** @return whether a known solution was given. */
    public boolean hasKnownSolution() { return solutionX != null; }
    /** @return a copy of the known {@code x*}, or {@code null}. */
    public double[] solutionX() { return solutionX == null ? null : solutionX.clone(); }
    /** @return a copy of the known {@code y*}, or {@code null}. */
    public double[] solutionY() { return solutionY == null ? null : solutionY.clone(); }

    /**
     * @return {@code ‖(x, y) − (x*, y*)‖}, or NaN when no solution is known. Allocation-free.
     */
    public double distanceToSolution(double[] x, double[] y) {
        if (solutionX == null) {
            return Double.NaN;
        }
        double s = 0;
        for (int i = 0; i < solutionX.length; i++) {
            double d = x[i] - solutionX[i];
            s += d * d;
        }
        for (int i = 0; i < solutionY.length; i++) {
            double d = y[i] - solutionY[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** @return a copy with another start (validated like the original). */
    public MinMaxProblem withStart(double[] x0, double[] y0) {
        return toBuilder().start(x0, y0).build();
    }

    /** @return a copy with another sense. */
    public MinMaxProblem withSense(Sense s) {
        return toBuilder().sense(s).build();
    }

    /** @return a builder holding this problem's data. */
    public Builder toBuilder() {
        Builder b = new Builder(function);
        b.sense = sense;
        b.feasibleX = feasibleX;
        b.feasibleY = feasibleY;
        b.startX = startX;
        b.startY = startY;
        b.solutionX = solutionX;
        b.solutionY = solutionY;
        return b;
    }

    @Override
    public String toString() {
        return "MinMaxProblem{" + sense + ", n=" + startX.length + ", m=" + startY.length
                + (feasibleX == null ? "" : ", X=" + feasibleX) + (feasibleY == null ? "" : ", Y=" + feasibleY) + "}";
    }

    /** Builder; {@link #build()} validates everything. */
    public static final class Builder {
        private final SaddleFunction function;
        private Sense sense = Sense.MIN_MAX;
        private Projection feasibleX;
        private Projection feasibleY;
        private double[] startX;
        private double[] startY;
        private double[] solutionX;
        private double[] solutionY;

        private Builder(SaddleFunction function) {
            this.function = function;
        }

        /** The sense (default MIN_MAX). */
        public Builder sense(Sense s) {
            this.sense = Functions.requireNonNull("sense", s);
            return this;
        }

        /** The feasible set of {@code x} by its projection ({@code null}: free, the default). */
        public Builder feasibleX(Projection p) {
            this.feasibleX = p;
            return this;
        }

        /** The feasible set of {@code y} by its projection ({@code null}: free, the default). */
        public Builder feasibleY(Projection p) {
            this.feasibleY = p;
            return this;
        }

        /** The start point (copied at {@link #build()}). Required. */
        public Builder start(double[] x0, double[] y0) {
            this.startX = x0;
            this.startY = y0;
            return this;
        }

        /** A known solution {@code (x*, y*)}: results then report their distance to it. */
        public Builder knownSolution(double[] xStar, double[] yStar) {
            this.solutionX = xStar;
            this.solutionY = yStar;
            return this;
        }

        /** @return the validated problem. */
        public MinMaxProblem build() {
            return new MinMaxProblem(this);
        }
    }
}
