/**
 * JMH benchmarks of Tandem's hot paths, packaged in the shaded jar so that one jar runs the programs and the
 * benchmarks: {@code java -cp examples/target/tandem.jar org.openjdk.jmh.Main NonsmoothJacobianBenchmark}.
 * Each benchmark checks in its setup that the variants it times compute the same number.
 *
 * <p>{@link org.tandemopt.examples.bench.MatVecBenchmark} times the matrix-vector pair {@code y = A x},
 * {@code z = Aᵀ y} that dominates a least-squares gradient, as two calls and as the fused single-pass
 * kernel, beside a plain double loop; {@code examples/bench/matvec-compare.sh} runs it next to the NumPy
 * (OpenBLAS) peer on the same machine and prints the ratio table kept in {@code docs/PERFORMANCE.md}.
 */
package org.tandemopt.examples.bench;
