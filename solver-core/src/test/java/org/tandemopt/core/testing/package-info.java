/**
 * Test utilities shared by the robustness tests of every module, exported to bilevel and minmax through the
 * solver-core test-jar.
 *
 * <p>Fuzzing: {@link org.tandemopt.core.testing.FuzzCalls} judges one generated call against the invalid
 * arguments the test injected (refused naming one of them, or returned with none injected), under a hang guard
 * for solver runs. Fault injection: a {@link org.tandemopt.core.testing.Fault} corrupts or throws from a chosen
 * oracle call or iteration, each module's wrapper of its user function extends
 * {@link org.tandemopt.core.testing.FaultyOracles} and only forwards its oracles, and
 * {@link org.tandemopt.core.testing.FaultRuns} holds the steps and assertions every fault test shares (listener
 * at iteration {@code k}, rethrown exception and its snapshot, kept fault-free prefix, time limit), with
 * {@link org.tandemopt.core.testing.Traces} comparing traces record by record. Resume and concurrency:
 * {@link org.tandemopt.core.testing.Resumes} runs the interrupt / budget / crash resume scenario for any solver,
 * {@link org.tandemopt.core.testing.ConcurrentRuns} compares concurrent runs with sequential ones through a
 * {@link org.tandemopt.core.testing.Fingerprint}. {@link org.tandemopt.core.testing.Cases} builds the argument
 * combinations of the parameterized tests.
 */
package org.tandemopt.core.testing;
