/**
 * Loading of the bundled public datasets (CSV copies of scikit-learn's files, see
 * {@code src/main/resources/data/README.md}); malformed values are reported with file, line and column.
 */
package org.tandemopt.examples.data;
