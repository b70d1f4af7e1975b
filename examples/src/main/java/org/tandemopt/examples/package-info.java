/**
 * Runnable programs: {@link org.tandemopt.examples.Tandem} is the picocli entry point of the examples jar
 * ({@code java -jar examples/target/tandem.jar <command>}). {@code compare} is the main job
 * ({@link org.tandemopt.examples.BilevelCompare}: per-feature L2 regularization of logistic regression on the
 * bundled breast-cancer data, tuned by SSMS, DP and AID with several hypergradient estimators);
 * {@code optimizers} compares the single-level optimizers on the same data; {@code minmax} is the min-max
 * gallery; {@code ridge} tunes ridge regularization on diabetes; {@code lasso}
 * ({@link org.tandemopt.examples.LassoTuning}) tunes the Lasso strength on diabetes through the nonsmooth
 * estimators against a grid search; {@code cleaning} is data hyper-cleaning on digits; {@code gan}
 * ({@link org.tandemopt.examples.MixtureGan}) trains a small AD-defined GAN on a mixture of three Gaussians with
 * GDA, optimistic GDA and the ridge method. Each command runs a
 * {@link org.tandemopt.examples.compare.SolverComparison} and writes its report. The examples choose what a
 * person sees; the library modules only log.
 */
package org.tandemopt.examples;
