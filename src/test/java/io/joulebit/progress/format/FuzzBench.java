package io.joulebit.progress.format;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's fuzz mode (bench/replay-log.sh fuzz): at least a million random and mutated lines through every
 * format's segment parser, which must never throw, and through Megatron's byte path, which must agree with the
 * former CharSequence parser on every line. FormatFuzzTest, MegatronBytePathTest and StepReplayTest are the short CI runs of the same.
 * Usage: FuzzBench [LINES] [SEED]; exit 1 on any failure.
 */
public final class FuzzBench {
    private FuzzBench() {}

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20240601L;
        List<String> seeds = new ArrayList<>(LineFuzzer.sampleLines(Path.of("src/test/resources/logs")));
        seeds.addAll(MegatronFuzzLines.of(400, seed).subList(0, 400));
        LineFuzzer fuzz = new LineFuzzer(seed, seeds);
        FormatOptions opts = FormatOptions.defaults().withRegex("step (?<step>\\S+) loss (?<loss>\\S+)( tok (?<tokens>\\S+))?");
        List<StepFormat> formats = new ArrayList<>();
        for (String name : LogFormats.names()) formats.add(LogFormats.create(name, opts));
        long[][] kinds = new long[formats.size()][LineKind.values().length];
        MegatronFormat bytes = new MegatronFormat(opts);
        LegacyMegatronFormat former = new LegacyMegatronFormat(opts);
        StepRecord rec = new StepRecord();
        long failures = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < lines; i++) {
            String l = fuzz.next(i);
            for (int f = 0; f < formats.size(); f++) {
                StepFormat fmt = formats.get(f);
                try {
                    fmt.readSegment(Ansi.strip(l));
                    kinds[f][fmt.read(l).kind().ordinal()]++;
                } catch (Throwable e) {
                    failures += report(fmt.name() + " threw " + e, l, failures);
                }
            }
            if (l.indexOf('\r') < 0 && l.indexOf('\u001b') < 0) {
                byte[] b = l.getBytes(StandardCharsets.UTF_8);
                LineResult want = former.read(new String(b, StandardCharsets.ISO_8859_1));
                LineKind got = bytes.readBytes(b, 0, b.length, rec);
                boolean same = got == want.kind() && (got != LineKind.PARSED
                        || (rec.toEvent().equals(want.events().get(0)) && rec.consumedSamples == want.consumedSamples()));
                if (!same) failures += report("megatron byte path " + got + " but former parser " + want, l, failures);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        for (int f = 0; f < formats.size(); f++) {
            System.out.printf(Locale.ROOT, "  %-15s parsed=%d ignored=%d rejected=%d%n", formats.get(f).name(),
                    kinds[f][0], kinds[f][1], kinds[f][2]);
        }
        System.out.printf(Locale.ROOT, "fuzz: %d lines x %d formats + megatron byte-vs-former check in %.1f s, failures=%d%n",
                lines, formats.size(), secs, failures);
        System.exit(failures == 0 ? 0 : 1);
    }

    private static int report(String what, String line, long sofar) {
        if (sofar < 10) System.out.println("FAIL " + what + " on: " + line);
        return 1;
    }
}
