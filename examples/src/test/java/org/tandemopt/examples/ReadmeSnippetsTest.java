package org.tandemopt.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the README honest: every line of every {@code java} snippet in README.md — trailing comments stripped,
 * white space collapsed, comment-only and printing lines aside — must be a line of some test source in the
 * repository, where it is compiled and its outcome asserted. A snippet edited without its test, or an API renamed
 * in the tests but not in the README, fails the build here.
 */
class ReadmeSnippetsTest {

    static String normalize(String line) {
        String l = line.strip().replaceAll("\\s*//.*$", "");
        return l.replaceAll("\\s+", " ").strip();
    }

    static boolean checked(String normalized) {
        return !normalized.isEmpty() && !normalized.startsWith("System.out.");
    }

    @Test
    void everyReadmeSnippetLineIsInATest() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> testLines = new HashSet<>();
        for (String module : List.of("solver-core", "bilevel", "minmax", "examples")) {
            try (Stream<Path> files = Files.walk(root.resolve(module).resolve("src/test/java"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    try {
                        for (String l : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                            testLines.add(normalize(l));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        int blocks = 0;
        int lines = 0;
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            blocks++;
            for (String raw : m.group(1).split("\n")) {
                String l = normalize(raw);
                if (checked(l)) {
                    lines++;
                    if (!testLines.contains(l)) {
                        missing.add("snippet " + blocks + ": " + raw.strip());
                    }
                }
            }
        }
        assertTrue(blocks >= 10 && lines >= 80, "found only " + blocks + " snippets and " + lines + " lines");
        assertTrue(missing.isEmpty(), "README snippet lines in no test:\n" + String.join("\n", missing));
    }
}
