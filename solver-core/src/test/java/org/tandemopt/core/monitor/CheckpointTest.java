package org.tandemopt.core.monitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    @Test
    void everyDoubleRoundTripsBitForBit(@TempDir Path dir) {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.longBitsToDouble(rnd.nextLong()); // arbitrary bit patterns: subnormals, huge, NaN payloads
        }
        a[0] = Double.NaN;
        a[1] = Double.POSITIVE_INFINITY;
        a[2] = -0.0;
        a[3] = Double.MIN_VALUE;
        Path p = dir.resolve("c.ckpt");
        Checkpoint.builder("Test state").put("x", a).put("iteration", 12345L).put("note", "a b\nc%").build().write(p);
        Checkpoint c = Checkpoint.read(p).requireKind("Test state");
        double[] b = c.doubles("x");
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(a[i])) {
                assertTrue(Double.isNaN(b[i]));
            } else {
                assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), "entry " + i);
            }
        }
        assertEquals(12345L, c.longValue("iteration"));
        assertEquals("a b\nc%", c.text("note"));
        assertFalse(Files.exists(dir.resolve("c.ckpt.tmp")));
    }

    @Test
    void malformedFilesAreRefusedWithFileAndLine(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("bad.ckpt");
        Files.writeString(p, "tandem-checkpoint 1\nkind K\ndoubles x 3 1.0 2.0\nend\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(p));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("announces 3 values but has 2"),
                e.getMessage());
        Files.writeString(p, "tandem-checkpoint 2\nkind K\nend\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(p)).getMessage()
                .contains("format version 2 is not supported"));
        Files.writeString(p, "tandem-checkpoint 1\nkind K\nlong n 3\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(p)).getMessage()
                .contains("truncated"));
        Checkpoint c = Checkpoint.builder("K").put("n", 1L).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.requireKind("L")).getMessage()
                .contains("expected L"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.doubles("n")).getMessage()
                .contains("expected double[]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.doubles("m")).getMessage()
                .contains("no entry 'm'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.builder("K").put("a b", 1L))
                .getMessage().contains("without white space"));
        assertArrayEquals(new String[] {"n"}, c.names().toArray(new String[0]));
    }
}
