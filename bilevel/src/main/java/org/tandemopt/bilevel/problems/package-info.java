/**
 * Ready-made bilevel problems with exact oracles: {@link org.tandemopt.bilevel.problems.RidgeHyperparameters}
 * (shared or per-feature regularization of ridge regression tuned on a validation set), used by the README
 * tour and the examples.
 */
package org.tandemopt.bilevel.problems;
