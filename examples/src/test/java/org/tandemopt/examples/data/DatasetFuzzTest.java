package org.tandemopt.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded fuzzing of the CSV loading of {@link Dataset}: random tables of plain decimal numbers, half of them with
 * one malformed cell (empty, text, a Java-only number such as "1d", "2f" or "0x1p3", NaN, Infinity, a number
 * beyond the double range, two points, a dangling exponent). A malformed cell is refused with an
 * {@link IllegalArgumentException} naming the file, the line and the column; an intact table loads to exactly
 * the numbers written.
 */
class DatasetFuzzTest {

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    static final String[] MALFORMED = {"", " ", "abc", "1d", "2f", "0x1p3", "NaN", "-Infinity", "Infinity", "1e400",
            "1..2", "1e", "--1", "+-3", "1 2", "\u00e91", "0,5x", "1e+", ".", "e3"};

    static String number(SplittableRandom rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> Integer.toString(rnd.nextInt(-1000, 1000));
            case 1 -> Double.toString(rnd.nextDouble(-100, 100));
            case 2 -> String.format(java.util.Locale.ROOT, "%.3e", rnd.nextDouble(-1, 1));
            default -> "." + rnd.nextInt(10);
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void malformedCellsAreRefusedWithFileLineAndColumn(long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 1 + rnd.nextInt(6);
        int cols = 2 + rnd.nextInt(4);
        boolean labelled = rnd.nextBoolean();
        String[][] cells = new String[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                cells[i][j] = number(rnd);
            }
        }
        boolean fault = rnd.nextBoolean();
        int fr = rnd.nextInt(rows);
        int fc = rnd.nextInt(cols);
        String bad = MALFORMED[rnd.nextInt(MALFORMED.length)];
        if (fault) {
            cells[fr][fc] = bad;
        }
        StringBuilder text = new StringBuilder(labelled ? "a,b,label\n" : "");
        for (String[] row : cells) {
            text.append(String.join(labelled ? "," : rnd.nextBoolean() ? " " : ",", row)).append('\n');
        }
        String path = "/data/fuzz-" + seed + ".csv";
        int line = fr + 1 + (labelled ? 1 : 0);
        try {
            double[][] read;
            if (labelled) {
                Dataset d = Dataset.parseLabelledCsv("fuzz", path, new BufferedReader(new StringReader(text.toString())));
                assertEquals(rows, d.rows());
                assertEquals(cols - 1, d.cols());
                read = new double[rows][cols];
                for (int i = 0; i < rows; i++) {
                    System.arraycopy(d.features(), i * (cols - 1), read[i], 0, cols - 1);
                    read[i][cols - 1] = d.targets()[i];
                }
            } else {
                List<double[]> r = Dataset.parseNumbers(path, new BufferedReader(new StringReader(text.toString())));
                read = r.toArray(new double[0][]);
            }
            // a blank cell or one holding a separator changes the width of its row; in a one-row file that is
            // just another well-formed width, so nothing can be refused
            boolean reshapes = bad.isBlank() || bad.contains(",") || bad.contains(" ");
            if (fault && !(reshapes && rows == 1)) {
                fail("malformed cell '" + bad + "' at line " + line + " column " + (fc + 1) + " was read:\n" + text);
            }
            if (fault) {
                return;
            }
            assertEquals(rows, read.length);
            for (int i = 0; i < rows; i++) {
                double[] expected = new double[cols];
                for (int j = 0; j < cols; j++) {
                    expected[j] = Double.parseDouble(cells[i][j]);
                }
                assertArrayEquals(expected, read[i], 0.0);
            }
        } catch (IllegalArgumentException e) {
            assertTrue(fault, "intact table refused: " + e.getMessage() + "\n" + text);
            String m = e.getMessage();
            assertNotNull(m);
            boolean reshapes = bad.isBlank() || bad.contains(",") || bad.contains(" ");
            if (m.contains(" columns, expected ")) {
                // the reshaped row is reported, or the next one when the reshaped row set the width
                assertTrue(reshapes, m + "\n" + text);
                assertTrue(m.startsWith(path + " line " + line + ":") || m.startsWith(path + " line " + (line + 1) + ":"),
                        m + "\n" + text);
            } else {
                assertTrue(m.startsWith(path + " line " + line + " column "), m + "\n" + text);
                // a cell split by a comma is reported at the half that is not a number
                assertTrue(m.contains("column " + (fc + 1) + ":") || bad.contains(",") && m.contains("column " + (fc + 2)
                        + ":"), m + "\n" + text);
            }
        }
    }

    @Test
    void theBundledDataStillLoadWithTheStrictNumberSyntax() {
        Dataset cancer = Dataset.loadLabelledCsv("breast_cancer.csv");
        assertEquals(569, cancer.rows());
        assertEquals(30, cancer.cols());
        Dataset diabetes = Dataset.loadRegression("diabetes_data_raw.csv", "diabetes_target.csv");
        assertEquals(442, diabetes.rows());
        assertEquals(10, diabetes.cols());
        Dataset digits = Dataset.loadHeaderlessCsv("digits.csv");
        assertEquals(1797, digits.rows());
        assertEquals(64, digits.cols());
    }

    @Test
    void aMissingResourceIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.loadLabelledCsv("no_such_file.csv"));
        assertEquals("resource = /data/no_such_file.csv not found on the class path", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Dataset.loadRegression("nope.csv", "nope2.csv"));
        assertEquals("resource = /data/nope.csv not found on the class path", e.getMessage());
    }

    @Test
    void javaOnlyNumberSyntaxIsRefused() {
        // regression: Double.parseDouble read "1d" as 1.0, "2f" as 2.0 and "0x1p3" as 8.0 without complaint
        for (String cell : new String[] {"1d", "2f", "0x1p3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dataset.parseNumbers(
                    "/data/t.csv", new BufferedReader(new StringReader("1 2\n3 " + cell + "\n"))));
            assertEquals("/data/t.csv line 2 column 2: '" + cell + "' is not a number", e.getMessage());
        }
    }
}
