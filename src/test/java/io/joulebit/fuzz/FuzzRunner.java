package io.joulebit.fuzz;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one fuzz target: every seed of {@code src/test/resources/fuzz/<target>/} unchanged, then mutants of them
 * until the time budget ({@code -Djoulebit.fuzz.seconds}, default 10) or the iteration cap is spent. A target fails
 * on anything it throws (its own invariant checks included), on one input taking longer than
 * {@link #SLOW_INPUT_SECONDS}, or on not returning at all (a hang). The failing input is printed in base64 and saved
 * under {@code target/fuzz-failures/<target>/}; {@code -Djoulebit.fuzz.seed} replays another sequence.
 */
final class FuzzRunner {
    private static final Logger LOG = LoggerFactory.getLogger(FuzzRunner.class);
    static final long SLOW_INPUT_SECONDS = 5;
    private static final long MAX_ITERATIONS = Long.getLong("joulebit.fuzz.iterations", 5_000_000L);

    @FunctionalInterface
    interface Target {
        void run(byte[] input) throws Exception;
    }

    /** What a run did, for the test log and for assertions that the fuzzer really ran. */
    record Stats(long seeds, long mutants) {}

    private volatile byte[] current = new byte[0];

    static Stats fuzz(String target, List<String> dictionary, int maxLen, Target t) throws Exception {
        return new FuzzRunner().run(target, dictionary, maxLen, t);
    }

    private Stats run(String target, List<String> dictionary, int maxLen, Target t) throws Exception {
        List<byte[]> seeds = corpus(target);
        long seconds = Long.getLong("joulebit.fuzz.seconds", 10L);
        long seed = Long.getLong("joulebit.fuzz.seed", target.hashCode());
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "fuzz-" + target);
            th.setDaemon(true); // a hung target must not keep the test JVM alive
            return th;
        });
        Future<Stats> done = worker.submit(() -> loop(seeds, new Mutator(seed, dictionary, maxLen), seconds, t));
        try {
            Stats s = done.get(seconds + SLOW_INPUT_SECONDS + 30, TimeUnit.SECONDS);
            LOG.info("fuzz {}: {} seeds, {} mutants in {} s (seed {})", target, s.seeds(), s.mutants(), seconds, seed);
            return s;
        } catch (TimeoutException e) {
            throw failure(target, seed, "hang: the target did not return", current, null);
        } catch (ExecutionException e) {
            throw failure(target, seed, "threw", current, e.getCause());
        } finally {
            worker.shutdownNow();
        }
    }

    private Stats loop(List<byte[]> seeds, Mutator m, long seconds, Target t) throws Exception {
        for (byte[] s : seeds) once(t, s);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long n = 0;
        byte[] last = seeds.get(0);
        while (System.nanoTime() - deadline < 0 && n < MAX_ITERATIONS) {
            byte[] base = m.nextInt(2) == 0 ? last : seeds.get(m.nextInt(seeds.size()));
            last = m.mutate(base, seeds.get(m.nextInt(seeds.size())));
            once(t, last);
            n++;
        }
        return new Stats(seeds.size(), n);
    }

    private void once(Target t, byte[] input) throws Exception {
        current = input;
        long start = System.nanoTime();
        t.run(input);
        long took = System.nanoTime() - start;
        if (took > TimeUnit.SECONDS.toNanos(SLOW_INPUT_SECONDS)) {
            throw new AssertionError("one input took " + took / 1_000_000 + " ms");
        }
    }

    static List<byte[]> corpus(String target) throws IOException, URISyntaxException {
        URL url = FuzzRunner.class.getClassLoader().getResource("fuzz/" + target);
        if (url == null) throw new IllegalStateException("no seed corpus at src/test/resources/fuzz/" + target);
        List<byte[]> out = new ArrayList<>();
        try (var files = Files.list(Path.of(url.toURI()))) {
            for (Path p : files.sorted().toList()) out.add(Files.readAllBytes(p));
        }
        if (out.isEmpty()) throw new IllegalStateException("empty seed corpus for " + target);
        return out;
    }

    private static AssertionError failure(String target, long seed, String what, byte[] input, Throwable cause) {
        String saved = "";
        try {
            Path dir = Path.of("target", "fuzz-failures", target);
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input)) + ".bin";
            saved = ", saved as " + Files.write(dir.resolve(name), input).toAbsolutePath();
        } catch (Exception e) {
            saved = " (could not save it: " + e + ")";
        }
        String b64 = Base64.getEncoder().encodeToString(input);
        if (b64.length() > 4000) b64 = b64.substring(0, 4000) + "...";
        return new AssertionError("fuzz " + target + " (seed " + seed + "): " + what + " on a "
                + input.length + "-byte input" + saved + "\nbase64: " + b64, cause);
    }
}
