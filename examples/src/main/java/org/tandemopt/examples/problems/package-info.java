/**
 * Problems built on the bundled data, with hand-coded oracles (value, gradient, Hessian-vector product) that
 * allocate nothing per call: {@link org.tandemopt.examples.problems.LogisticRegression} (L2-regularized),
 * {@link org.tandemopt.examples.problems.LogisticHyperparameters} (the bilevel problem of tuning one L2 weight per
 * feature on a validation set), and {@link org.tandemopt.examples.problems.SaddleProblems} (the scalar min-max
 * reference problems M1–M3).
 */
package org.tandemopt.examples.problems;
