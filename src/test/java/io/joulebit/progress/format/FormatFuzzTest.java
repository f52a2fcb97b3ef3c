package io.joulebit.progress.format;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Random and mutated real lines (fixed seed) through every format: nothing may throw, every line is classified. */
class FormatFuzzTest {
    private static final String ALPHABET = " \t\r\u001b[]{}|:=,./-+eE0123456789naifNI'\"_lossteptrainval%█━";

    @Test
    void noFormatThrowsOnRandomOrMutatedLines() throws IOException {
        List<String> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SampleLogsTest.ROOT)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                seeds.addAll(SampleLogsTest.lines(SampleLogsTest.ROOT.relativize(p).toString()));
            }
        }
        assertThat(seeds).hasSizeGreaterThan(50);
        Random rnd = new Random(20240601L);
        List<String> lines = new ArrayList<>(20_000);
        for (int i = 0; i < 20_000; i++) lines.add(i % 2 == 0 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd));
        FormatOptions opts = FormatOptions.defaults().withRegex("step (?<step>\\S+) loss (?<loss>\\S+)( tok (?<tokens>\\S+))?");
        for (String name : LogFormats.names()) {
            StepFormat f = LogFormats.create(name, opts);
            long counted = 0;
            for (String l : lines) {
                LineResult r = f.read(l);
                assertThat(r).as("%s on %s", name, l).isNotNull();
                // the parser itself must not throw: read()'s safety net is not what keeps it alive
                assertThatCode(() -> f.readSegment(Ansi.strip(l))).as("%s on %s", name, l).doesNotThrowAnyException();
                counted++;
            }
            assertThat(f.finish()).isNotNull();
            assertThat(counted).isEqualTo(lines.size());
        }
    }

    private static String random(Random rnd) {
        int n = rnd.nextInt(200);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        return b.toString();
    }

    private static String mutate(String seed, Random rnd) {
        StringBuilder b = new StringBuilder(seed);
        int edits = 1 + rnd.nextInt(6);
        for (int i = 0; i < edits; i++) {
            int at = b.length() == 0 ? 0 : rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(5)) {
                case 0 -> { if (at < b.length()) b.deleteCharAt(at); }
                case 1 -> b.insert(at, ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                case 2 -> b.setLength(Math.min(b.length(), at));                       // truncation
                case 3 -> b.insert(at, "9".repeat(1 + rnd.nextInt(40)));               // huge numbers
                default -> b.insert(at, rnd.nextBoolean() ? "nan" : "1e999");
            }
        }
        return b.toString();
    }
}
