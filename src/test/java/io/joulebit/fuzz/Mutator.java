package io.joulebit.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded, coverage-blind input mutation (the classic AFL/libFuzzer havoc set): bit flips, interesting bytes, range
 * deletes and copies, dictionary inserts, splices with another seed, and runs that repeat a chunk until an input
 * crosses the parsers' length limits. Same seed, same inputs.
 */
final class Mutator {
    private static final byte[] INTERESTING = {0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '\n', '\r', '\t', 0x1b,
            '"', '\\', '{', '}', '[', ']', ':', ',', ' ', '-', '.', 'e', '0', '9', (byte) 0xc3, (byte) 0xef};
    private static final String[] NUMBERS = {"0", "-0", "-1", "1e999", "-1e-999", "NaN", "nan", "inf", "-inf",
            "Infinity", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e308",
            "4.9e-324", "0x1p3", "1_000", "00012", ".5", "5.", "1e", "+3", "٣"};

    private final SplittableRandom rnd;
    private final List<byte[]> dictionary;
    private final int maxLen;

    Mutator(long seed, List<String> dictionary, int maxLen) {
        this.rnd = new SplittableRandom(seed);
        this.dictionary = dictionary.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        this.maxLen = maxLen;
    }

    int nextInt(int bound) { return rnd.nextInt(bound); }

    /** One to eight stacked mutations of {@code in}; {@code other} is the splice partner. */
    byte[] mutate(byte[] in, byte[] other) {
        byte[] b = in;
        int n = 1 + rnd.nextInt(8);
        for (int i = 0; i < n; i++) b = once(b, other);
        return b.length > maxLen ? Arrays.copyOf(b, maxLen) : b;
    }

    private byte[] once(byte[] b, byte[] other) {
        if (b.length == 0) return insert(b, 0, token());
        int at = rnd.nextInt(b.length);
        switch (rnd.nextInt(11)) {
            case 0 -> { b = b.clone(); b[at] ^= (byte) (1 << rnd.nextInt(8)); }
            case 1 -> { b = b.clone(); b[at] = INTERESTING[rnd.nextInt(INTERESTING.length)]; }
            case 2 -> b = insert(b, at, new byte[]{(byte) rnd.nextInt(256)});
            case 3 -> b = remove(b, at, 1 + rnd.nextInt(Math.min(64, b.length - at)));
            case 4 -> b = insert(b, rnd.nextInt(b.length + 1), slice(b, at, 1 + rnd.nextInt(Math.min(64, b.length - at))));
            case 5 -> b = insert(b, rnd.nextInt(b.length + 1), token());
            case 6 -> b = overwrite(b, at, token());
            case 7 -> b = splice(b, other);
            case 8 -> b = Arrays.copyOf(b, at);
            case 9 -> b = repeat(b, at);
            default -> b = insert(b, at, NUMBERS[rnd.nextInt(NUMBERS.length)].getBytes(StandardCharsets.UTF_8));
        }
        return b;
    }

    private byte[] token() {
        return dictionary.isEmpty() || rnd.nextInt(4) == 0 ? NUMBERS[rnd.nextInt(NUMBERS.length)].getBytes(StandardCharsets.UTF_8)
                : dictionary.get(rnd.nextInt(dictionary.size()));
    }

    private byte[] splice(byte[] a, byte[] other) {
        if (other.length == 0) return a;
        int cutA = rnd.nextInt(a.length + 1);
        int cutB = rnd.nextInt(other.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(a, 0, cutA);
        out.write(other, cutB, other.length - cutB);
        return out.toByteArray();
    }

    /** A chunk repeated many times: long lines, deep nesting ("[[[[..."), huge numbers. */
    private byte[] repeat(byte[] b, int at) {
        byte[] chunk = slice(b, at, 1 + rnd.nextInt(Math.min(8, b.length - at)));
        int times = 1 << rnd.nextInt(14);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < times && out.size() < maxLen; i++) out.writeBytes(chunk);
        return insert(b, at, out.toByteArray());
    }

    private static byte[] slice(byte[] b, int at, int len) { return Arrays.copyOfRange(b, at, at + len); }

    private static byte[] insert(byte[] b, int at, byte[] what) {
        byte[] out = new byte[b.length + what.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(what, 0, out, at, what.length);
        System.arraycopy(b, at, out, at + what.length, b.length - at);
        return out;
    }

    private static byte[] remove(byte[] b, int at, int len) {
        byte[] out = new byte[b.length - len];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + len, out, at, b.length - at - len);
        return out;
    }

    private static byte[] overwrite(byte[] b, int at, byte[] what) {
        byte[] out = Arrays.copyOf(b, Math.max(b.length, at + what.length));
        System.arraycopy(what, 0, out, at, what.length);
        return out;
    }
}
