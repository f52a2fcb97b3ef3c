package io.joulebit.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * The demo text as character ids: a sorted alphabet of the distinct characters, the text encoded against it, and the
 * last tenth held out for validation. Samples are random (context, next char) windows.
 */
final class DemoCorpus {
    static final String RESOURCE = "/demo/tinyshakespeare.txt";

    private final char[] alphabet;
    private final int[] ids;
    private final int trainEnd;

    private DemoCorpus(String text) {
        if (text.length() < 2) {
            throw new IllegalArgumentException("corpus: Expecting at least 2 characters. Found: " + text.length());
        }
        this.alphabet = text.chars().distinct().sorted().collect(StringBuilder::new, StringBuilder::appendCodePoint,
                StringBuilder::append).toString().toCharArray();
        this.ids = text.chars().map(c -> Arrays.binarySearch(alphabet, (char) c)).toArray();
        this.trainEnd = ids.length - ids.length / 10;
    }

    static DemoCorpus of(String text) { return new DemoCorpus(text); }

    /** The text shipped in the jar (see demo/NOTICE.md). */
    static DemoCorpus shipped() {
        try (InputStream in = DemoCorpus.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("demo corpus " + RESOURCE + " is missing from the classpath");
            }
            return of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo corpus " + RESOURCE, e);
        }
    }

    int vocabSize() { return alphabet.length; }

    int length() { return ids.length; }

    int id(char c) { return Arrays.binarySearch(alphabet, c); }

    /** Entropy of the character frequencies of the whole text, in nats: the loss a context-blind model reaches. */
    double unigramEntropyNats() {
        long[] counts = new long[alphabet.length];
        for (int id : ids) {
            counts[id]++;
        }
        double h = 0;
        for (long n : counts) {
            if (n > 0) {
                double p = (double) n / ids.length;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /**
     * Fills {@code x} (batch × context ids, row-major) and {@code y} (batch next-char ids) with random windows taken
     * wholly from the training part or wholly from the held-out part.
     */
    void sample(Random rnd, boolean heldOut, int context, long[] x, long[] y) {
        int from = heldOut ? trainEnd : 0;
        int to = heldOut ? ids.length : trainEnd;
        int starts = to - from - context; // windows [s, s+context) plus target s+context, all inside [from, to)
        if (starts < 1) {
            throw new IllegalArgumentException("contextChars: Expecting < " + (to - from) + ". Found: " + context);
        }
        for (int b = 0; b < y.length; b++) {
            int s = from + rnd.nextInt(starts);
            for (int t = 0; t < context; t++) {
                x[b * context + t] = ids[s + t];
            }
            y[b] = ids[s + context];
        }
    }
}
