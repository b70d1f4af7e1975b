package org.tandemopt.bilevel.hypergradient;

import org.tandemopt.bilevel.BilevelProblem;
import org.tandemopt.bilevel.InnerSchedule;
import org.tandemopt.bilevel.inner.InnerAlgorithm;
import org.tandemopt.bilevel.inner.InnerMap;
import org.tandemopt.core.function.Functions;
import org.tandemopt.core.function.ParametricFunction;

/**
 * The mutable side of a {@link HypergradientEstimator} for one problem and inner algorithm: the inner map,
 * the work buffers, and what is carried from one estimate to the next (the warm start of the adjoint of
 * implicit differentiation). Not thread-safe: one session per run.
 *
 * <p>An estimate runs the inner map from the given state as scheduled — step {@code k} maps {@code s_k} to
 * {@code s_{k+1} = F(x, s_k)}; with a residual tolerance the run stops at the first {@code k ≥ minSteps}
 * with {@code ‖∇_y g(x, y_k)‖ ≤ tolerance} — then differentiates at the final state {@code s_K}. The state
 * array passed in is advanced in place to {@code s_K}, which is the warm start of the next estimate.
 */
public abstract class EstimatorSession {

    final BilevelProblem problem;
    final ParametricFunction f;
    final ParametricFunction g;
    final InnerMap map;
    final int n;
    final int m;
    final int size;

    /** Work state buffers: cur holds s_k, next receives F(x, s_k). */
    double[] cur;
    double[] next;
    final double[] y;
    final double[] gy;
    final double[] fy;
    final double[] fx;
    final double[] grad;

    // per-estimate bookkeeping, filled by subclasses
    long ownGradients;
    long ownHvps;
    long ownMixed;
    int peakStates;
    double solveResidual;
    int solveIterations;
    HessianCondition hessianCondition;
    int[] inertia;
    double growth;
    boolean blowUp;
    double qualification;
    HypergradientStatus status;
    int steps;
    double lastResidual;

    EstimatorSession(BilevelProblem problem, InnerAlgorithm inner) {
        this.problem = Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("inner", inner);
        this.f = problem.upper();
        this.g = problem.lower();
        this.map = inner.bind(g);
        this.n = problem.parameterDimension();
        this.m = problem.variableDimension();
        this.size = map.stateSize();
        this.cur = new double[size];
        this.next = new double[size];
        this.y = new double[m];
        this.gy = new double[m];
        this.fy = new double[m];
        this.fx = new double[n];
        this.grad = new double[n];
    }

    /** @return the inner map this session steps (its counters include every estimate of the session). */
    public final InnerMap map() {
        return map;
    }

    /**
     * @return what this session carries from one estimate to the next (the adjoint warm start of implicit
     *         differentiation, the Jacobian of warm-started forward mode; empty when nothing), as numbers for a
     *         checkpoint. The inner map's own memory is {@link InnerMap#memory()}.
     */
    public double[] memory() {
        return new double[0];
    }

    /**
     * Restores what {@link #memory()} returned, so that the next estimate is bit for bit the saved run's.
     *
     * @throws IllegalArgumentException when {@code memory} does not have this session's length
     */
    public void restoreMemory(double[] memory) {
        Functions.requireLength("memory", memory, memory().length);
    }

    /** Copies {@code memory} into {@code into} after checking its length (for subclasses). */
    static void restoreInto(double[] memory, double[] into) {
        Functions.requireLength("memory", memory, into.length);
        System.arraycopy(memory, 0, into, 0, into.length);
    }

    /** @return the problem. */
    public final BilevelProblem problem() {
        return problem;
    }

    /** @return a new inner state starting at {@code y0}. */
    public final double[] initialState(double[] y0) {
        Functions.requireFinite("y0", y0, m);
        double[] s = new double[size];
        map.initialState(y0, s);
        return s;
    }

    /** Estimates with the given schedule; see {@link #estimate(double[], double[], int, int, double)}. */
    public final Hypergradient estimate(double[] x, double[] state, InnerSchedule schedule) {
        Functions.requireNonNull("schedule", schedule);
        return estimate(x, state, schedule.minSteps(), schedule.maxSteps(), schedule.tolerance());
    }

    /**
     * Runs between {@code minSteps} and {@code maxSteps} inner steps from {@code state} (until
     * {@code ‖∇_y g‖ ≤ tolerance}, or exactly {@code maxSteps} when the tolerance is 0), then differentiates.
     *
     * @param x     the upper variable (not modified)
     * @param state in: the inner starting state; out: the final inner state {@code s_K}
     * @return the estimate of {@code ∇φ(x)} at {@code y_K} and its diagnostics
     * @throws IllegalArgumentException for arrays of the wrong length or non-finite {@code x}
     */
    public final Hypergradient estimate(double[] x, double[] state, int minSteps, int maxSteps, double tolerance) {
        Functions.requireFinite("x", x, n);
        Functions.requireLength("state", state, size);
        Functions.requireAtLeast("minSteps", minSteps, 0);
        Functions.requireAtLeast("maxSteps", maxSteps, minSteps);
        Functions.requireNonNegative("tolerance", tolerance);
        long t0 = System.nanoTime();
        long g0 = map.gradientEvaluations();
        long h0 = map.hessianVectorProducts();
        long x0 = map.mixedProducts();
        ownGradients = 0;
        ownHvps = 0;
        ownMixed = 0;
        peakStates = 0;
        solveResidual = Double.NaN;
        solveIterations = 0;
        hessianCondition = HessianCondition.NOT_CHECKED;
        inertia = null;
        growth = Double.NaN;
        blowUp = false;
        qualification = Double.NaN;
        status = HypergradientStatus.OK;
        lastResidual = Double.NaN;

        System.arraycopy(state, 0, cur, 0, size);
        map.prepare(x, cur);
        beforeRun(x, cur, maxSteps);
        steps = run(x, minSteps, maxSteps, tolerance);
        System.arraycopy(cur, 0, state, 0, size);
        System.arraycopy(cur, 0, y, 0, m);
        // residual at y_K (reused when the run computed it at the final state)
        double residual = lastResidual;
        if (Double.isNaN(residual)) {
            residual = map.stationarity(x, cur);
        }
        if (Double.isNaN(residual)) {
            g.gradientY(x, y, gy);
            ownGradients++;
            residual = norm(gy);
        }
        double value = f.gradientY(x, y, fy);
        f.gradientX(x, y, fx);
        ownGradients += 2;
        if (allFinite(y) && Double.isFinite(value) && allFinite(fy) && allFinite(fx)) {
            differentiate(x, state);
        } else {
            // the inner run left the finite range: no derivative to compute, and the linear solvers would
            // (rightly) refuse a non-finite right-hand side with an exception; numerical trouble is a status
            java.util.Arrays.fill(grad, Double.NaN);
            status = HypergradientStatus.NON_FINITE;
        }
        if (status == HypergradientStatus.OK && map.failed()) {
            status = HypergradientStatus.LINEAR_SOLVE_FAILED;
        }
        if (status == HypergradientStatus.OK && (!allFinite(grad) || !Double.isFinite(value) || !allFinite(y))) {
            status = HypergradientStatus.NON_FINITE;
        }
        EstimatorDiagnostics d = new EstimatorDiagnostics(status, steps, residual, solveResidual, solveIterations,
                map.gradientEvaluations() - g0 + ownGradients, map.hessianVectorProducts() - h0 + ownHvps,
                map.mixedProducts() - x0 + ownMixed, peakStates, System.nanoTime() - t0, hessianCondition, inertia,
                growth, blowUp, qualification);
        return new Hypergradient(grad, y, value, d);
    }

    /** The forward inner run; the default steps without recording. Returns K. */
    int run(double[] x, int minSteps, int maxSteps, double tolerance) {
        int k = 0;
        while (k < maxSteps) {
            double r = map.step(x, cur, next);
            if (tolerance > 0 && k >= minSteps) {
                if (Double.isNaN(r)) {
                    r = residualAt(x, cur);
                }
                if (r <= tolerance) {
                    lastResidual = r;
                    break;
                }
            }
            record(k, cur);
            double[] t = cur;
            cur = next;
            next = t;
            k++;
        }
        return k;
    }

    /** Called before the run with the starting state (copied into {@code cur}). */
    void beforeRun(double[] x, double[] start, int maxSteps) {
    }

    /** Called for each accepted step {@code k} with {@code s_k}, before {@code s_{k+1}} replaces it. */
    void record(int k, double[] stateK) {
    }

    /**
     * Differentiates at {@code y_K}: {@code f}'s gradients {@code fy}, {@code fx} are ready; writes the
     * estimate into {@code grad} and sets the diagnostics fields.
     */
    abstract void differentiate(double[] x, double[] finalState);

    final double residualAt(double[] x, double[] s) {
        double r = map.stationarity(x, s);
        if (!Double.isNaN(r)) {
            return r;
        }
        System.arraycopy(s, 0, y, 0, m);
        g.gradientY(x, y, gy);
        ownGradients++;
        return norm(gy);
    }

    static double norm(double[] v) {
        double s = 0;
        for (double e : v) {
            s += e * e;
        }
        return Math.sqrt(s);
    }

    static boolean allFinite(double[] v) {
        for (double e : v) {
            if (!Double.isFinite(e)) {
                return false;
            }
        }
        return true;
    }

    /** Marks the growth of a propagated derivative against the blow-up factor. */
    final void checkGrowth(double ratio, double factor) {
        if (!(ratio <= factor)) {
            blowUp = true;
            if (status == HypergradientStatus.OK) {
                status = HypergradientStatus.DERIVATIVE_BLOW_UP;
            }
        }
    }
}
