package io.joulebit.progress.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random and mutated log lines from a seeded generator: the input of the fuzz test and of the benchmark's fuzz mode.
 * Mutations aim at what parsers trip on: truncation, huge digit runs, exponents, separators and non-ASCII text.
 */
final class LineFuzzer {
    static final String ALPHABET = " \t\r\u001b[]{}|:=,./-+eE0123456789naifNI'\"_lossteptrainval%█━";
    private static final String[] INSERTS = {"nan", "1e999", "-0", "1,234", "E+", ".", "|", "infinity", "Ω", "\u00e9",
        "9.99999999999999999999e-400", "lm loss:", "iteration", "consumed samples:", "validation loss at"};

    private final Random rnd;
    private final List<String> seeds;

    LineFuzzer(long seed, List<String> seeds) {
        this.rnd = new Random(seed);
        this.seeds = List.copyOf(seeds);
        if (this.seeds.isEmpty()) throw new IllegalArgumentException("no seed lines");
    }

    /** Every line of every sample log under {@code root}, split on '\n' only so '\r' redraws stay inside. */
    static List<String> sampleLines(Path root) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                for (String l : Files.readString(p, StandardCharsets.UTF_8).split("\n")) lines.add(l);
            }
        }
        return lines;
    }

    /** Alternately a random line and a mutated seed line. */
    String next(int i) { return i % 2 == 0 ? random() : mutate(seeds.get(rnd.nextInt(seeds.size()))); }

    String random() {
        int n = rnd.nextInt(200);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        return b.toString();
    }

    String mutate(String seed) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(6)) {
                case 0 -> { if (at < b.length()) b.deleteCharAt(at); }
                case 1 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> b.setLength(Math.min(b.length(), at));                       // truncation
                case 3 -> b.insert(at, "9".repeat(1 + rnd.nextInt(40)));               // huge numbers
                case 4 -> { if (at < b.length()) b.setCharAt(at, (char) ('0' + rnd.nextInt(10))); }
                default -> b.insert(at, INSERTS[rnd.nextInt(INSERTS.length)]);
            }
        }
        return b.toString();
    }
}
