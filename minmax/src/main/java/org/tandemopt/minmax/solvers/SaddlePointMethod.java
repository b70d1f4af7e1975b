package org.tandemopt.minmax.solvers;

import org.tandemopt.core.monitor.Checkpoint;

import java.util.List;

import org.tandemopt.core.function.Functions;
import org.tandemopt.core.linalg.Vectors;
import org.tandemopt.core.monitor.Driver;
import org.tandemopt.core.monitor.IterativeAlgorithm;
import org.tandemopt.core.monitor.Measures;
import org.tandemopt.core.monitor.RunResult;
import org.tandemopt.core.monitor.SolveOptions;
import org.tandemopt.core.monitor.Termination;
import org.tandemopt.minmax.MinMaxProblem;
import org.tandemopt.minmax.MinMaxResult;
import org.tandemopt.minmax.Sense;

/**
 * What the first-order saddle-point methods share — gradient descent-ascent, extragradient and optimistic
 * gradient descent-ascent: the {@link GameState}, the start, the reporting and the driver call. A subclass
 * says how to take one step.
 *
 * <p>Reported per iteration: the value {@code L(x_k, y_k)}; as the stationarity measure the saddle residual
 * {@code √(r_x² + r_y²)} with {@code r_x = ‖∇_x L‖}, {@code r_y = ‖∇_y L‖} (projected-gradient mappings
 * {@code ‖x − Π_X(x − ∇_x L)‖}, {@code ‖y − Π_Y(y + s∇_y L)‖} for constrained players); the point norm
 * {@code ‖(x, y)‖}, so that {@code SolveOptions.divergenceBound} ends a diverging run with
 * {@code DIVERGED}; the step {@code ‖z_{k+1} − z_k‖}; extras {@code residualX}, {@code residualY} and
 * {@code distance} (to the problem's known solution, NaN without one).
 */
public abstract class SaddlePointMethod implements org.tandemopt.minmax.MinMaxSolver, IterativeAlgorithm<MinMaxProblem, GameState> {

    private static final List<String> EXTRAS = List.of("residualX", "residualY", "distance");

    SaddlePointMethod() {
    }

    /**
     * Prepares a state at the problem's start: evaluates {@code L} and both gradients once.
     *
     * @throws IllegalArgumentException if {@code problem} is null
     */
    public final GameState start(MinMaxProblem problem) {
        Functions.requireNonNull("problem", problem);
        GameState s = new GameState(problem, this);
        prepare(problem, s);
        evaluate(problem, s);
        return s;
    }

    /**
     * Rebuilds a state saved by {@link GameState#toCheckpoint()} for {@code problem} (the problem the run was
     * started with; nothing is evaluated, so nothing checks that it is the same).
     *
     * @throws IllegalArgumentException for a null argument, a checkpoint of another kind or configuration than
     *                                  {@link #describe()}, or entries whose lengths do not fit the problem
     */
    public final GameState restore(MinMaxProblem problem, Checkpoint checkpoint) {
        Functions.requireNonNull("problem", problem);
        Functions.requireNonNull("checkpoint", checkpoint);
        GameState s = new GameState(problem, this);
        prepare(problem, s);
        s.read(checkpoint);
        return s;
    }

    @Override
    public final MinMaxResult resume(MinMaxProblem problem, Checkpoint checkpoint, SolveOptions options) {
        Functions.requireNonNull("options", options);
        GameState s = restore(problem, checkpoint);
        RunResult<GameState> r = Driver.run(this, problem, s, options, checkpoint.trace());
        return new MinMaxResult(problem, s.x, s.y, s.value, s.residualX, s.residualY, r, options.toString());
    }

    /** Sets up method-specific memory in a new state (step searches, lines). */
    void prepare(MinMaxProblem problem, GameState s) {
    }

    @Override
    public final MinMaxResult solve(MinMaxProblem problem, SolveOptions options) {
        Functions.requireNonNull("options", options);
        GameState s = start(problem);
        RunResult<GameState> r = Driver.run(this, problem, s, options);
        return new MinMaxResult(problem, s.x, s.y, s.value, s.residualX, s.residualY, r, options.toString());
    }

    /** Evaluates value and gradients at {@code (s.x, s.y)} (one gradient evaluation) and the residuals. */
    static void evaluate(MinMaxProblem p, GameState s) {
        s.value = p.function().gradients(s.x, s.y, s.gx, s.gy);
        s.countGradients(1);
        residuals(p, s);
    }

    /** Keeps the current iterate, value, gradients and residuals (copies, no allocation) before a step. */
    static void keep(GameState s) {
        System.arraycopy(s.x, 0, s.keptX, 0, s.x.length);
        System.arraycopy(s.y, 0, s.keptY, 0, s.y.length);
        System.arraycopy(s.gx, 0, s.keptGx, 0, s.gx.length);
        System.arraycopy(s.gy, 0, s.keptGy, 0, s.gy.length);
        s.keptValue = s.value;
        s.keptResidualX = s.residualX;
        s.keptResidualY = s.residualY;
    }

    /**
     * Evaluates at the new iterate; when its value or a gradient entry is NaN or infinite (a broken function, or
     * an extrapolation that met one), puts back the iterate {@link #keep kept} before the step and requests
     * {@link Termination#NON_FINITE}: the result is the last finite iterate, not a NaN point.
     */
    static void evaluateOrStepBack(MinMaxProblem p, GameState s) {
        evaluate(p, s);
        if (Double.isFinite(s.value) && Vectors.allFinite(s.gx) && Vectors.allFinite(s.gy)) {
            return;
        }
        System.arraycopy(s.keptX, 0, s.x, 0, s.x.length);
        System.arraycopy(s.keptY, 0, s.y, 0, s.y.length);
        System.arraycopy(s.keptGx, 0, s.gx, 0, s.gx.length);
        System.arraycopy(s.keptGy, 0, s.gy, 0, s.gy.length);
        s.value = s.keptValue;
        s.residualX = s.keptResidualX;
        s.residualY = s.keptResidualY;
        s.stepNorm = 0;
        s.requestTermination(Termination.NON_FINITE);
    }

    static void residuals(MinMaxProblem p, GameState s) {
        s.residualX = Players.stationarity(p.feasibleX(), s.x, -1.0, s.gx, s.scratchX);
        s.residualY = Players.stationarity(p.feasibleY(), s.y, p.sense().yDirection(), s.gy, s.scratchY);
    }

    @Override
    public final void measure(MinMaxProblem p, GameState s, Measures out) {
        double pn = Math.hypot(Players.norm(s.x), Players.norm(s.y));
        out.value(s.value).gradientNorm(Math.hypot(s.residualX, s.residualY)).stepNorm(s.stepNorm)
                .stepSize(s.stepSize).pointNorm(pn).extra(0, s.residualX).extra(1, s.residualY)
                .extra(2, p.distanceToSolution(s.x, s.y));
    }

    @Override
    public final List<String> extraNames() {
        return EXTRAS;
    }

    static double ySign(MinMaxProblem p) {
        return p.sense().yDirection();
    }

    static boolean isMinMax(MinMaxProblem p) {
        return p.sense() == Sense.MIN_MAX;
    }
}
