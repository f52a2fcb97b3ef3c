package io.joulebit.progress.format;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Which formats a line can matter to, worked out once per line for all of them: each format's needles
 * ({@link StepFormat#needles}) are looked up in the line, and a format none of whose needles is there passes the line
 * by. Detection of bench/replay-log.sh's 2,000-line Slurm prelude, thirty parsers cold over every line, took 64 ms
 * (median of 8 fresh JVMs); with the gate 37 ms. A replay's byte line is searched in one pass over its bytes, the
 * needles indexed by their first byte: one contains() per needle per line, mostly interpreted this early, took 51 ms.
 * A line with an ESC (a colour code can split a needle) or over the length limit (rejected unread) goes to every
 * format.
 */
final class NeedleGate {
    private String[] needles = new String[0];
    private byte[][] latin1 = new byte[0][];         // as a ByteLine's chars show them; null: not in any byte line
    private final long[] byFirstByte = new long[256];
    private final int maxChars;

    NeedleGate(int maxChars) { this.maxChars = maxChars; }

    /** The bits of these needles in {@link #present}; 0, offered every line, for none or when 64 are taken. */
    long register(List<String> formatNeedles) {
        if (formatNeedles == null || formatNeedles.isEmpty()) return 0;
        long mask = 0;
        for (String n : formatNeedles) {
            int i = Arrays.asList(needles).indexOf(n);
            if (i < 0) {
                if (needles.length == Long.SIZE || n.isEmpty()) return 0;
                i = needles.length;
                needles = Arrays.copyOf(needles, i + 1);
                latin1 = Arrays.copyOf(latin1, i + 1);
                needles[i] = n;
                latin1[i] = n.chars().allMatch(c -> c <= 0xff) ? n.getBytes(StandardCharsets.ISO_8859_1) : null;
                if (latin1[i] != null) byFirstByte[latin1[i][0] & 0xff] |= 1L << i;
            }
            mask |= 1L << i;
        }
        return mask;
    }

    /** The bits of the needles in this line; every bit for a line that must reach every format. */
    long present(CharSequence line) {
        if (line == null || line.length() > maxChars) return -1L;
        int flags = line instanceof ByteLine b ? b.flags() : ByteLine.flagsOf(line);
        if ((flags & ByteLine.HAS_ESC) != 0) return -1L;
        if (line instanceof ByteLine b) return inBytes(b.array(), b.offset(), b.offset() + b.length());
        String s = line.toString();
        long bits = 0;
        for (int i = 0; i < needles.length; i++) if (s.contains(needles[i])) bits |= 1L << i;
        return bits;
    }

    private long inBytes(byte[] b, int from, int to) {
        long bits = 0;
        for (int i = from; i < to; i++) {
            long m = byFirstByte[b[i] & 0xff] & ~bits;
            for (; m != 0; m &= m - 1) {
                int n = Long.numberOfTrailingZeros(m);
                if (startsWith(b, i, to, latin1[n])) bits |= 1L << n;
            }
        }
        return bits;
    }

    private static boolean startsWith(byte[] b, int at, int to, byte[] needle) {
        if (to - at < needle.length) return false;
        for (int k = 1; k < needle.length; k++) if (b[at + k] != needle[k]) return false;
        return true;
    }

    /** Whether a format registered with {@code mask} reads a line whose needles are {@code present}. */
    static boolean offered(long mask, long present) { return mask == 0 || (mask & present) != 0; }
}
