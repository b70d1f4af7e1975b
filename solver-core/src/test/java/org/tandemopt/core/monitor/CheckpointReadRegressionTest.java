package org.tandemopt.core.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions found by {@code CheckpointFuzzTest}: a byte that is not UTF-8 escaped as an
 * {@link java.io.UncheckedIOException}, and a malformed percent escape, an empty or a repeated entry name were
 * refused without naming the file and line.
 */
class CheckpointReadRegressionTest {

    @TempDir
    Path dir;

    String refusal(String text) throws IOException {
        Path p = dir.resolve("c.ckpt");
        Files.write(p, text.getBytes(StandardCharsets.ISO_8859_1));
        return assertThrows(IllegalArgumentException.class, () -> Checkpoint.read(p)).getMessage()
                .replace(p.toString(), "F");
    }

    @Test
    void everyMalformedFileIsRefusedWithFileAndLine() throws IOException {
        String head = "tandem-checkpoint 1\nkind K\n";
        assertEquals("checkpoint F line 3: byte 34 is not valid UTF-8 text",
                refusal(head + "long a \u00ff1\nend\n"));
        assertEquals("checkpoint F line 3: malformed percent-encoded text: URLDecoder: Illegal hex characters in "
                + "escape (%) pattern - Error at index 0 in: \"zz\"", refusal(head + "text configuration %zz\nend\n"));
        assertEquals("checkpoint F line 2: malformed percent-encoded text: URLDecoder: Incomplete trailing escape (%) "
                + "pattern", refusal("tandem-checkpoint 1\nkind %g\nend\n"));
        assertEquals("checkpoint F line 4: name = 'a' is already in this checkpoint",
                refusal(head + "long a 1\nlong a 2\nend\n"));
        assertEquals("checkpoint F line 3: name = '', expected a non-empty name without white space",
                refusal(head + "long  5\nend\n"));
        assertEquals("checkpoint F line 3: entry 'x' announces 2 values but has 1",
                refusal(head + "doubles x 2 1.0\nend\n"));
    }
}
