package org.tandemopt.core.linesearch;

import org.tandemopt.core.function.Functions;

/**
 * A step satisfying the strong Wolfe conditions, found by the line search of J. J. Moré and D. J. Thuente,
 * "Line search algorithms with guaranteed sufficient decrease", ACM Transactions on Mathematical Software
 * 20(3), 1994, 286–307:
 * <pre>
 *   φ(t) ≤ φ(0) + c₁ t φ'(0)          (sufficient decrease)
 *   |φ'(t)| ≤ c₂ |φ'(0)|              (curvature)
 * </pre>
 * with {@code 0 < c₁ ≤ c₂ < 1} (the existence theory wants {@code c₁ < c₂}; the paper's own experiments also
 * run with {@code c₁ = c₂}).
 *
 * <p>How it searches (the paper's §2–§4). It keeps an interval of uncertainty {@code I} with endpoints
 * {@code t_l} (the best point so far) and {@code t_u}. As long as no point with
 * {@code ψ(t) ≤ 0} and {@code φ'(t) > 0} has been seen, where {@code ψ(t) = φ(t) − φ(0) − c₁ t φ'(0)}, the
 * interval is updated with the auxiliary function {@code ψ} (stage 1); afterwards with {@code φ} itself
 * (stage 2). Each new trial comes from one of four cases: a higher value at the trial (cubic or midway
 * cubic/quadratic minimiser, the minimum is bracketed), derivatives of opposite signs (cubic or secant
 * step, bracketed), a derivative decreasing in magnitude (cubic or secant, safeguarded to stay within 66% of
 * the interval once bracketed), or not (cubic through both ends when bracketed, else an extrapolation). Until
 * a bracket is found trial steps grow within {@code [1.1, 4]} times the distance from {@code t_l}; once
 * bracketed, a bisection replaces the interpolated trial whenever the interval failed to shrink by a factor
 * 0.66 over two trials. Each trial costs one {@link LineFunction#valueAndSlope} call.
 *
 * <p>Outcome: the first trial satisfying both conditions is returned. If the interval shrinks below
 * {@code relativeWidth · t_u} or rounding makes further progress impossible, the best point {@code t_l} is
 * returned when it is positive (it satisfies sufficient decrease, as the method guarantees); otherwise, and
 * when {@code maxTrials} trials pass without a step satisfying both conditions, the search returns
 * {@code NaN} and the optimizer ends with {@code LINE_SEARCH_FAILED}. A trial where {@code φ} or
 * {@code φ'} is NaN or infinite is treated as too long: the next trial is halfway back to {@code t_l}.
 *
 * <p>When to use: quasi-Newton methods ({@code LBFGS}), whose updates need {@code sᵀy > 0}, which the
 * curvature condition guarantees; nonlinear conjugate gradient with {@code c₂ = 0.1}
 * ({@link #forConjugateGradient()}).
 *
 * <p>Defaults: {@code c₁ = 1e-4}, {@code c₂ = 0.9}, first trial 1 in every search, at most 30 trials, steps in
 * {@code [0, 1e10]}, relative interval width {@code 1e-12}. The rule keeps no memory between searches.
 *
 * <pre>{@code
 * LBFGS lbfgs = LBFGS.builder().stepRule(StrongWolfe.defaults()).build();
 * }</pre>
 */
public final class StrongWolfe implements StepRule {

    private static final double P66 = 0.66;
    private static final double EXTRAPOLATE_LOW = 1.1;
    private static final double EXTRAPOLATE_HIGH = 4.0;

    private final double c1;
    private final double c2;
    private final double initialStep;
    private final int maxTrials;
    private final double maxStep;
    private final double relativeWidth;

    private StrongWolfe(Builder b) {
        if (!(b.c1 <= b.c2)) {
            throw new IllegalArgumentException("c1 = " + b.c1 + ", c2 = " + b.c2 + ", expected 0 < c1 <= c2 < 1");
        }
        if (b.initialStep > b.maxStep) {
            throw new IllegalArgumentException("initialStep = " + b.initialStep + " exceeds maxStep = " + b.maxStep);
        }
        this.c1 = b.c1;
        this.c2 = b.c2;
        this.initialStep = b.initialStep;
        this.maxTrials = b.maxTrials;
        this.maxStep = b.maxStep;
        this.relativeWidth = b.relativeWidth;
    }

    /** @return the rule with every default ({@code c₁ = 1e-4, c₂ = 0.9}), for quasi-Newton methods. */
    public static StrongWolfe defaults() {
        return builder().build();
    }

    /** @return the rule with {@code c₁ = 1e-4, c₂ = 0.1}, as nonlinear conjugate gradient methods need. */
    public static StrongWolfe forConjugateGradient() {
        return builder().c2(0.1).build();
    }

    /** @return a builder holding the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    public double c1() { return c1; }
    public double c2() { return c2; }
    public double initialStep() { return initialStep; }
    public int maxTrials() { return maxTrials; }
    public double maxStep() { return maxStep; }
    public double relativeWidth() { return relativeWidth; }

    @Override
    public StepSearch newSearch(int dimension) {
        return new Search();
    }

    @Override
    public String toString() {
        return "StrongWolfe{c1=" + c1 + ", c2=" + c2 + ", initialStep=" + initialStep + ", maxTrials=" + maxTrials
                + "}";
    }

    /**
     * The per-run side. It holds only scratch numbers that each search re-initialises; the interval update
     * writes into the fields {@code stx..sty, bracketed} so that it allocates nothing.
     */
    private final class Search implements StepSearch {
        private int evaluations;
        // interval of uncertainty: best point (stx, fx, gx), other end (sty, fy, gy)
        private double stx;
        private double fx;
        private double gx;
        private double sty;
        private double fy;
        private double gy;
        private boolean bracketed;

        @Override
        public double search(LineFunction line, double value0, double slope0, double[] x, double[] gradient) {
            evaluations = 0;
            if (!(slope0 < 0) || !Double.isFinite(value0)) {
                return Double.NaN;
            }
            final double decreaseSlope = c1 * slope0;
            final double curvatureBound = c2 * -slope0;
            bracketed = false;
            boolean stage1 = true;
            stx = 0;
            fx = value0;
            gx = slope0;
            sty = 0;
            fy = value0;
            gy = slope0;
            double width = maxStep;
            double width1 = 2 * width;
            double stp = initialStep;
            double stmin = 0;
            double stmax = stp + EXTRAPOLATE_HIGH * stp;

            for (int trial = 0; trial < maxTrials; trial++) {
                double f = line.valueAndSlope(stp);
                double g = line.lastSlope();
                evaluations++;
                if (!Double.isFinite(f) || !Double.isFinite(g)) {
                    // too long (or outside the domain): come back halfway towards the best point
                    bracketed = true;
                    sty = stp;
                    fy = Double.POSITIVE_INFINITY;
                    gy = Double.NaN;
                    stp = stx + 0.5 * (stp - stx);
                    width1 = width;
                    width = Math.abs(sty - stx);
                    stmin = Math.min(stx, sty);
                    stmax = Math.max(stx, sty);
                    if (width <= relativeWidth * Math.max(stx, sty)) {
                        return stx > 0 ? stx : Double.NaN;
                    }
                    continue;
                }
                double ftest = value0 + stp * decreaseSlope;
                if (f <= ftest && Math.abs(g) <= curvatureBound) {
                    return stp;
                }
                if (stage1 && f <= ftest && g >= 0) {
                    stage1 = false;
                }
                // rounding errors or limits prevent progress: give the best point if it is a step at all
                if (bracketed && (stp <= stmin || stp >= stmax)) {
                    return best(stp, f, ftest);
                }
                if (bracketed && stmax - stmin <= relativeWidth * stmax) {
                    return best(stp, f, ftest);
                }
                if (stp >= maxStep && f <= ftest && g <= decreaseSlope) {
                    return stp;
                }

                if (stage1 && f <= fx && f > ftest) {
                    // the modified function ψ: subtract the sufficient-decrease line from every value
                    double fm = f - stp * decreaseSlope;
                    double gm = g - decreaseSlope;
                    fx -= stx * decreaseSlope;
                    fy -= sty * decreaseSlope;
                    gx -= decreaseSlope;
                    gy -= decreaseSlope;
                    stp = step(stp, fm, gm, stmin, stmax);
                    fx += stx * decreaseSlope;
                    fy += sty * decreaseSlope;
                    gx += decreaseSlope;
                    gy += decreaseSlope;
                } else {
                    stp = step(stp, f, g, stmin, stmax);
                }

                if (bracketed) {
                    if (Math.abs(sty - stx) >= P66 * width1) {
                        stp = stx + 0.5 * (sty - stx);
                    }
                    width1 = width;
                    width = Math.abs(sty - stx);
                    stmin = Math.min(stx, sty);
                    stmax = Math.max(stx, sty);
                } else {
                    stmin = stp + EXTRAPOLATE_LOW * (stp - stx);
                    stmax = stp + EXTRAPOLATE_HIGH * (stp - stx);
                }
                stp = Math.max(0, Math.min(maxStep, stp));
                if (bracketed && (stp <= stmin || stp >= stmax || stmax - stmin <= relativeWidth * stmax)) {
                    stp = stx;
                }
                if (!(stp > 0)) {
                    return Double.NaN;
                }
            }
            return Double.NaN;
        }

        /** The best point when the interval collapsed: the current trial if it decreases enough, else t_l. */
        private double best(double stp, double f, double ftest) {
            if (f <= ftest && f <= fx) {
                return stp;
            }
            return stx > 0 ? stx : Double.NaN;
        }

        /**
         * One safeguarded step of the paper's §4: from the interval (stx, sty) and the trial (stp, fp, gp),
         * computes the next trial and updates the interval in place.
         */
        private double step(double stp, double fp, double gp, double stmin, double stmax) {
            double sgnd = gp * Math.signum(gx);
            double next;
            if (fp > fx) {
                // case 1: higher value, the minimiser is bracketed; cubic, or midway to the quadratic
                double theta = 3 * (fx - fp) / (stp - stx) + gx + gp;
                double s = maxAbs(theta, gx, gp);
                double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (gp / s)));
                if (stp < stx) {
                    gamma = -gamma;
                }
                double p = (gamma - gx) + theta;
                double q = ((gamma - gx) + gamma) + gp;
                double r = p / q;
                double stpc = stx + r * (stp - stx);
                double stpq = stx + ((gx / ((fx - fp) / (stp - stx) + gx)) / 2) * (stp - stx);
                if (Math.abs(stpc - stx) < Math.abs(stpq - stx)) {
                    next = stpc;
                } else {
                    next = stpc + (stpq - stpc) / 2;
                }
                bracketed = true;
            } else if (sgnd < 0) {
                // case 2: derivatives of opposite signs; cubic or secant, whichever is farther from stp
                double theta = 3 * (fx - fp) / (stp - stx) + gx + gp;
                double s = maxAbs(theta, gx, gp);
                double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (gp / s)));
                if (stp > stx) {
                    gamma = -gamma;
                }
                double p = (gamma - gp) + theta;
                double q = ((gamma - gp) + gamma) + gx;
                double r = p / q;
                double stpc = stp + r * (stx - stp);
                double stpq = stp + (gp / (gp - gx)) * (stx - stp);
                next = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                bracketed = true;
            } else if (Math.abs(gp) < Math.abs(gx)) {
                // case 3: same sign, the derivative decreases in magnitude
                double theta = 3 * (fx - fp) / (stp - stx) + gx + gp;
                double s = maxAbs(theta, gx, gp);
                // the cubic may have no minimiser in the step's direction: gamma = 0 then
                double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gx / s) * (gp / s)));
                if (stp > stx) {
                    gamma = -gamma;
                }
                double p = (gamma - gp) + theta;
                double q = (gamma + (gx - gp)) + gamma;
                double r = p / q;
                double stpc;
                if (r < 0 && gamma != 0) {
                    stpc = stp + r * (stx - stp);
                } else if (stp > stx) {
                    stpc = stmax;
                } else {
                    stpc = stmin;
                }
                double stpq = stp + (gp / (gp - gx)) * (stx - stp);
                if (bracketed) {
                    next = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                    if (stp > stx) {
                        next = Math.min(stp + P66 * (sty - stp), next);
                    } else {
                        next = Math.max(stp + P66 * (sty - stp), next);
                    }
                } else {
                    next = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                    next = Math.min(stmax, next);
                    next = Math.max(stmin, next);
                }
            } else {
                // case 4: same sign, the derivative does not decrease in magnitude
                if (bracketed) {
                    double theta = 3 * (fp - fy) / (sty - stp) + gy + gp;
                    double s = maxAbs(theta, gy, gp);
                    double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (gy / s) * (gp / s)));
                    if (stp > sty) {
                        gamma = -gamma;
                    }
                    double p = (gamma - gp) + theta;
                    double q = ((gamma - gp) + gamma) + gy;
                    double r = p / q;
                    next = stp + r * (sty - stp);
                } else {
                    next = stp > stx ? stmax : stmin;
                }
            }
            // update the interval: the trial replaces the end on its side of the minimiser
            if (fp > fx) {
                sty = stp;
                fy = fp;
                gy = gp;
            } else {
                if (sgnd < 0) {
                    sty = stx;
                    fy = fx;
                    gy = gx;
                }
                stx = stp;
                fx = fp;
                gx = gp;
            }
            if (!Double.isFinite(next)) {
                next = bracketed ? stx + 0.5 * (sty - stx) : stmax;
            }
            return next;
        }

        @Override public int lastEvaluations() { return evaluations; }
        @Override public double[] memory() { return new double[0]; }

        @Override
        public void restore(double[] memory) {
            Functions.requireLength("memory", memory, 0);
        }
    }

    private static double maxAbs(double a, double b, double c) {
        return Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
    }

    /** Validated builder. */
    public static final class Builder {
        private double c1 = 1e-4;
        private double c2 = 0.9;
        private double initialStep = 1.0;
        private int maxTrials = 30;
        private double maxStep = 1e10;
        private double relativeWidth = 1e-12;

        private Builder() {
        }

        /** Sufficient-decrease constant {@code c₁ ∈ (0, 1)}, at most {@code c₂} (default 1e-4). */
        public Builder c1(double c) {
            this.c1 = Functions.requireOpenRange("c1", c, 0, 1);
            return this;
        }

        /** Curvature constant {@code c₂ ∈ (0, 1)}, at least {@code c₁} (default 0.9; 0.1 for nonlinear CG). */
        public Builder c2(double c) {
            this.c2 = Functions.requireOpenRange("c2", c, 0, 1);
            return this;
        }

        /** The first trial of every search, {@code > 0} (default 1, the natural step of Newton-type methods). */
        public Builder initialStep(double t) {
            this.initialStep = Functions.requirePositive("initialStep", t);
            return this;
        }

        /** Trials (value-and-slope evaluations) per search, at least 1 (default 30). */
        public Builder maxTrials(int n) {
            this.maxTrials = Functions.requireAtLeast("maxTrials", n, 1);
            return this;
        }

        /** Largest step ever tried, {@code > 0} (default 1e10). */
        public Builder maxStep(double t) {
            this.maxStep = Functions.requirePositive("maxStep", t);
            return this;
        }

        /** Relative width below which the interval of uncertainty counts as collapsed, {@code > 0} (default 1e-12). */
        public Builder relativeWidth(double w) {
            this.relativeWidth = Functions.requireOpenRange("relativeWidth", w, 0, 1);
            return this;
        }

        public StrongWolfe build() {
            return new StrongWolfe(this);
        }
    }
}
