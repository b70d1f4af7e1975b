package org.tandemopt.minmax;

/**
 * Which problem a {@link MinMaxProblem} poses about {@code L(x, y)}: {@code x} always minimises; {@code y}
 * maximises ({@link #MIN_MAX}, a saddle or minimax problem) or minimises ({@link #MIN_MIN}, a joint
 * minimisation solved player by player).
 */
public enum Sense {
    /** {@code min_x max_y L(x, y)}; the value function is {@code G(x) = max_y L(x, y)}. */
    MIN_MAX(1.0),
    /** {@code min_x min_y L(x, y)}; the value function is {@code G(x) = min_y L(x, y)}. */
    MIN_MIN(-1.0);

    private final double yDirection;

    Sense(double yDirection) {
        this.yDirection = yDirection;
    }

    /**
     * @return {@code +1} when {@code y} ascends along {@code ∇_y L} (MIN_MAX), {@code −1} when it descends
     *         (MIN_MIN): the {@code y} player's update is {@code y⁺ = Π_Y(y + s η_y ∇_y L)} with this sign {@code s}
     */
    public double yDirection() {
        return yDirection;
    }

    /**
     * @return the sign {@code σ} such that the {@code y} player minimises {@code σ L(x, ·)}: {@code −1} for
     *         MIN_MAX, {@code +1} for MIN_MIN
     */
    public double innerSign() {
        return -yDirection;
    }
}
