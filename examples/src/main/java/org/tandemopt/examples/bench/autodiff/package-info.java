/**
 * JMH benchmarks of the automatic differentiation module: AD gradient and Hessian-vector product cost against
 * one AD value evaluation and against hand-written gradients, on logistic regression (1000 × 100) and a
 * two-layer tanh network. Results and the command are in {@code docs/AUTODIFF.md}.
 */
package org.tandemopt.examples.bench.autodiff;
