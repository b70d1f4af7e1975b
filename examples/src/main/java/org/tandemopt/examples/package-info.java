/**
 * Runnable programs: {@link org.tandemopt.examples.Tandem} is the command-line entry point of the examples
 * jar; {@code compare} is the main job (every optimizer on logistic regression of the bundled breast-cancer
 * data, as a Markdown table). The examples choose what a person sees; the library modules only log.
 */
package org.tandemopt.examples;
