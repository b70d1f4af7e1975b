/**
 * Ready-made bilevel problems with exact oracles: {@link org.tandemopt.bilevel.problems.RidgeHyperparameters}
 * (shared or per-feature regularization of ridge regression tuned on a validation set), used by the README
 * tour and the examples. Its {@code gramForm()} precomputes {@code AᵀA/N} so that every inner step and
 * Hessian-vector product costs {@code m²} instead of {@code 2Nm}: the form that beats PyTorch in the
 * peer comparison of docs/PERFORMANCE-bilevel.md.
 */
package org.tandemopt.bilevel.problems;
