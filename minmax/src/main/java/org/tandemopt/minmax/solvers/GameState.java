package org.tandemopt.minmax.solvers;

import org.tandemopt.core.monitor.Checkpoint;
import org.tandemopt.core.monitor.Resumable;
import org.tandemopt.minmax.MinMaxProblem;

import org.tandemopt.core.linesearch.StepSearch;
import org.tandemopt.core.monitor.IterationState;
import org.tandemopt.minmax.MinMaxProblem;

/**
 * The state of a gradient descent-ascent, extragradient or optimistic run: the current point {@code (x, y)},
 * the value and both partial gradients there, both players' stationarity, and the buffers and step-rule
 * memories the methods need. Created by the solver's {@code start}; mutable and owned by one run.
 */
public final class GameState extends IterationState implements Resumable<GameState> {

    /** The kind of this state's checkpoints. */
    static final String KIND = "org.tandemopt.minmax.solvers.GameState";

    final SaddlePointMethod method;
    final MinMaxProblem problem;
    final double[] x;
    final double[] y;
    final double[] gx;
    final double[] gy;
    /** Extrapolated / base points and their gradients (extragradient, optimistic). */
    final double[] xb;
    final double[] yb;
    final double[] gxb;
    final double[] gyb;
    final double[] scratchX;
    final double[] scratchY;
    /** The last iterate at which value and gradients were finite (see {@link SaddlePointMethod#keep}). */
    final double[] keptX;
    final double[] keptY;
    final double[] keptGx;
    final double[] keptGy;
    double keptValue;
    double keptResidualX;
    double keptResidualY;
    double value;
    double residualX;
    double residualY;
    double stepNorm = Double.NaN;
    double stepSize = Double.NaN;
    boolean first = true;
    StepSearch searchX;
    StepSearch searchY;
    PlayerLine lineX;
    PlayerLine lineY;

    GameState(MinMaxProblem p, SaddlePointMethod method) {
        this.method = method;
        this.problem = p;
        int n = p.xDimension();
        int m = p.yDimension();
        this.x = p.startX();
        this.y = p.startY();
        this.gx = new double[n];
        this.gy = new double[m];
        this.xb = x.clone();
        this.yb = y.clone();
        this.gxb = new double[n];
        this.gyb = new double[m];
        this.scratchX = new double[n];
        this.scratchY = new double[m];
        this.keptX = new double[n];
        this.keptY = new double[m];
        this.keptGx = new double[n];
        this.keptGy = new double[m];
    }

    /** @return the current {@code x} (live buffer: do not modify). */
    public double[] x() { return x; }
    /** @return the current {@code y} (live buffer: do not modify). */
    public double[] y() { return y; }
    /** @return {@code ∇_x L(x, y)} (live buffer). */
    public double[] gradientX() { return gx; }
    /** @return {@code ∇_y L(x, y)} (live buffer). */
    public double[] gradientY() { return gy; }
    /** @return {@code L(x, y)}. */
    public double value() { return value; }
    /** @return the {@code x} stationarity ({@code ‖∇_x L‖} or its projected mapping). */
    public double residualX() { return residualX; }
    /** @return the {@code y} stationarity ({@code ‖∇_y L‖} or its projected mapping). */
    public double residualY() { return residualY; }

    @Override
    public GameState copy() {
        GameState c = method.restore(problem, toCheckpoint());
        c.copyBookkeeping(this);
        return c;
    }

    /**
     * @return the point, value, both gradients, the extrapolated/base point and its gradients (extragradient,
     *         optimistic), both step rules' memories, the last step and the counters
     */
    @Override
    public Checkpoint toCheckpoint() {
        Checkpoint.Builder b = checkpointBuilder(KIND, method.describe()).put("x", x).put("y", y)
                .put("gradientX", gx).put("gradientY", gy).put("baseX", xb).put("baseY", yb)
                .put("baseGradientX", gxb).put("baseGradientY", gyb).putDouble("value", value)
                .putDouble("residualX", residualX).putDouble("residualY", residualY)
                .putDouble("stepNorm", stepNorm).putDouble("stepSize", stepSize).put("first", first ? 1 : 0);
        if (searchX != null) {
            b.put("searchX", searchX.memory());
        }
        if (searchY != null) {
            b.put("searchY", searchY.memory());
        }
        return b.build();
    }

    void read(Checkpoint c) {
        restoreBookkeeping(c, KIND, method.describe());
        c.doublesInto("x", x);
        c.doublesInto("y", y);
        c.doublesInto("gradientX", gx);
        c.doublesInto("gradientY", gy);
        c.doublesInto("baseX", xb);
        c.doublesInto("baseY", yb);
        c.doublesInto("baseGradientX", gxb);
        c.doublesInto("baseGradientY", gyb);
        value = c.doubleValue("value");
        residualX = c.doubleValue("residualX");
        residualY = c.doubleValue("residualY");
        stepNorm = c.doubleValue("stepNorm");
        stepSize = c.doubleValue("stepSize");
        first = c.longValue("first") != 0;
        if (searchX != null) {
            c.restoreInto("searchX", searchX::restore);
        }
        if (searchY != null) {
            c.restoreInto("searchY", searchY::restore);
        }
    }
}
