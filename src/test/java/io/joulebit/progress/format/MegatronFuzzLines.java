package io.joulebit.progress.format;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Fuzzed Megatron-shaped lines (sample logs, bench lines and their mutations) for the parser and replay tests. */
public final class MegatronFuzzLines {
    /** How many cases a fuzz test runs ({@code -Djoulebit.fuzz.cases}). */
    public static final int CASES = ByteScanTest.CASES;

    private MegatronFuzzLines() {}

    /** A random decimal as logs print them. */
    public static String decimal(Random rnd) { return ByteScanTest.decimal(rnd); }

    private static final String BENCH_LINE = " iteration %8d/ 5000000 | consumed samples: %12d | elapsed time per iteration (ms): 1234.5 | learning rate: %.6E | global batch size:   512 | lm loss: %.6E | loss scale: 65536.0 |";

    public static List<String> of(int n, long seed) throws IOException {
        List<String> seeds = new ArrayList<>(LineFuzzer.sampleLines(SampleLogsTest.ROOT));
        Random rnd = new Random(seed);
        for (int i = 0; i < 200; i++) {
            seeds.add(String.format(Locale.ROOT, BENCH_LINE, rnd.nextInt(1 << 20), rnd.nextInt(1 << 30),
                    rnd.nextDouble() * 1e-3, rnd.nextDouble() * 12));
        }
        seeds.add(" validation loss at iteration 1000 | lm loss value: 6.543210E+00 | lm loss PPL: 6.945E+02 | ");
        LineFuzzer fuzz = new LineFuzzer(seed, seeds);
        List<String> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) lines.add(i % 4 == 3 ? seeds.get(rnd.nextInt(seeds.size())) : fuzz.next(i));
        return lines;
    }

}
