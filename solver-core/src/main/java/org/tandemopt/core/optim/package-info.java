/**
 * Single-level optimizers: the building blocks that the bilevel and min-max modules reuse as inner and outer
 * solvers.
 *
 * <p>Every optimizer is immutable configuration (a builder or factory with documented defaults) implementing
 * {@link org.tandemopt.core.optim.Optimizer} — {@code minimize(f, x0, options)} returning an immutable
 * {@link org.tandemopt.core.optim.OptimizationResult} — and
 * {@link org.tandemopt.core.monitor.IterativeAlgorithm}: it says how to start and how to take one step, and the
 * shared {@link org.tandemopt.core.monitor.Driver} owns budgets, tolerances, the trace, listeners and the
 * {@link org.tandemopt.core.monitor.Termination}. All mutable data lives in a state object, so a run can be
 * stepped by hand, inspected and resumed. Every evaluation is counted (values, gradients, Hessian-vector
 * products).
 *
 * <p>The line-search methods share {@link org.tandemopt.core.optim.DescentMethod}: a subclass computes the
 * direction, a {@link org.tandemopt.core.linesearch.StepRule} chooses the step.
 * <ul>
 * <li>{@link org.tandemopt.core.optim.GradientDescent} — {@code d = −∇J}; default Armijo with expansion.</li>
 * <li>{@link org.tandemopt.core.optim.LBFGS} — limited-memory BFGS by the two-loop recursion; default strong
 *     Wolfe. The default choice when only gradients are available.</li>
 * <li>{@link org.tandemopt.core.optim.Newton} — dense Hessian from {@code d} Hessian-vector products, Cholesky,
 *     shifted by {@code τI} when not positive definite; for small problems and high accuracy.</li>
 * <li>{@link org.tandemopt.core.optim.NewtonCG} — truncated Newton: conjugate gradient on Hessian-vector
 *     products with a forcing tolerance, stopping on negative curvature; for large problems.</li>
 * </ul>
 * Momentum methods carry more than the iterate in their state and take constant steps:
 * <ul>
 * <li>{@link org.tandemopt.core.optim.HeavyBall} — Polyak's {@code x⁺ = x − α∇J + β(x − x_prev)}.</li>
 * <li>{@link org.tandemopt.core.optim.Nesterov} — accelerated gradient with the {@code t_k} sequence and
 *     function-value restart.</li>
 * </ul>
 * First-order methods for learning take their gradients from a full function or from mini-batches of a
 * {@link org.tandemopt.core.optim.StochasticObjective}:
 * <ul>
 * <li>{@link org.tandemopt.core.optim.INNA}, {@link org.tandemopt.core.optim.INNAprop} — the inertial Newton
 *     algorithm and its RMSprop-scaled variant;</li>
 * <li>{@link org.tandemopt.core.optim.StepTunedSGD} — SGD whose step is tuned from curvature estimates.</li>
 * </ul>
 * {@link org.tandemopt.core.optim.ProximalGradient} (ISTA/FISTA) minimises a smooth function plus a
 * regulariser with a proximal operator ({@link org.tandemopt.core.optim.CompositeProblem}); the operators and
 * projections are in {@code org.tandemopt.core.optim.prox}.
 *
 * <p><b>Snapshots.</b> Every state implements {@link org.tandemopt.core.monitor.Resumable}: {@code copy()} gives
 * a deep, independent copy (to branch a run), {@code toCheckpoint()} a
 * {@link org.tandemopt.core.monitor.Checkpoint} — iterates, momentum, L-BFGS pairs, the step rule's memory,
 * counters, the iteration number and the optimizer's {@code describe()} — that can be written to a file; the
 * optimizer's {@code restore(problem, checkpoint)} rebuilds the state without evaluating anything and refuses a
 * checkpoint of another configuration. Continuing a copy or a restored state gives the uninterrupted run's
 * iterates and counters bit for bit. A mini-batch run saves its sampler as seed, batch size and the number of
 * batches drawn, and is rebuilt by replaying the draws; it is restored with
 * {@code restore(StochasticObjective, checkpoint)}.
 *
 * <p>Which to pick: {@code LBFGS} by default; {@code Newton} or {@code NewtonCG} when Hessian-vector products
 * are exact and cheap (automatic differentiation) and high accuracy is wanted; {@code Nesterov} or
 * {@code HeavyBall} when the curvature bounds are known and iterations must be cheap and predictable (as inner
 * algorithms whose steps are differentiated). The test catalogue {@code ReferenceProblems} runs every optimizer
 * on Rosenbrock, Beale, Powell's singular function, an ill-conditioned quadratic and a logistic regression on
 * real data, with the known answers.
 */
package org.tandemopt.core.optim;
