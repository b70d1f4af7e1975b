/**
 * JMH benchmarks of the bilevel module against the PyTorch peer ({@code /work/shared/peers}): hypergradients
 * of per-feature log-regularized ridge regression, unrolled through {@code K = 100} gradient steps and implicit,
 * at {@code n × p = 442 × 10} and {@code 2000 × 500}, in the data form and the Gram form of
 * {@code RidgeHyperparameters}; the cost of forming the Gram matrix; checkpointed unrolling at {@code K = 10 000}.
 * {@code examples/bench/bilevel-compare.sh} runs them next to the peer; results in
 * {@code docs/PERFORMANCE-bilevel.md}.
 */
package org.tandemopt.examples.bench.bilevel;
