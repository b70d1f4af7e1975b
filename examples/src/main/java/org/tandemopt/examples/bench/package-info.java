/**
 * JMH benchmarks. Run them from the shaded jar:
 * {@code java -cp examples/target/tandem.jar org.openjdk.jmh.Main NonsmoothJacobianBenchmark}.
 * Each benchmark checks in its setup that the variants it times compute the same number.
 */
package org.tandemopt.examples.bench;
