/**
 * Problems built on the bundled data, with hand-coded oracles (value, gradient, Hessian-vector product) that
 * allocate nothing per call.
 */
package org.tandemopt.examples.problems;
