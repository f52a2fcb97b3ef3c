package io.joulebit.progress.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A reusable window onto a byte buffer, read as ISO-8859-1 chars so ASCII log lines need no decoding and no
 * allocation. The replay's line reader ({@code io.joulebit.progress.replay.ByteLineReader}) fills it and records
 * whether the line holds '\r' or ESC, so parsers skip the redraw and colour handling without rescanning.
 */
public final class ByteLine implements CharSequence {
    public static final int HAS_CR = 1;
    public static final int HAS_ESC = 2;

    private byte[] buf = new byte[0];
    private int off;
    private int len;
    private int flags;
    // Detection hands one line to thirty formats: each would decode it and strip its rank prefix again
    private String text;
    private int prefix = -1;
    private ByteLine rest;
    private boolean restSet;

    /** Points this view at bytes [off, off + len) of buf; {@code flags} are HAS_CR and HAS_ESC for what they hold. */
    public void set(byte[] buf, int off, int len, int flags) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.flags = flags;
        this.text = null;
        this.prefix = -1;
        this.restSet = false;
    }

    /** HAS_CR and HAS_ESC for what the line holds. */
    public int flags() { return flags; }

    /** Length of the launcher's rank prefix ({@link RankPrefix}), worked out once per line. */
    int rankPrefix() {
        if (prefix < 0) prefix = RankPrefix.length(this);
        return prefix;
    }

    /** This line after its rank prefix: one view per line, whichever format asks (valid until the next set). */
    ByteLine afterPrefix() {
        int start = rankPrefix();
        if (rest == null) rest = new ByteLine();
        if (!restSet) rest.set(buf, off + start, len - start, flags);
        restSet = true;
        return rest;
    }

    byte[] array() { return buf; }

    int offset() { return off; }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /** Index of ASCII char {@code c} at or after {@code from}, eight bytes at a time; -1 if absent. */
    int indexOf(char c, int from) {
        long pattern = (c & 0xffL) * ONES;
        int i = off + Math.max(from, 0);
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(buf, i) ^ pattern;
            long z = (w - ONES) & ~w & HIGHS;
            if (z != 0) return i - off + (Long.numberOfTrailingZeros(z) >>> 3);
        }
        for (; i < end; i++) if (buf[i] == (byte) c) return i - off;
        return -1;
    }

    static int flagsOf(CharSequence s) {
        int f = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == '\r') f |= HAS_CR;
            else if (c == '\u001b') f |= HAS_ESC;
        }
        return f;
    }

    @Override public int length() { return len; }

    @Override public char charAt(int index) {
        if (index < 0 || index >= len) throw new IndexOutOfBoundsException(index);
        return (char) (buf[off + index] & 0xff);
    }

    @Override public CharSequence subSequence(int start, int end) { return toString().substring(start, end); }

    /** Decoded as UTF-8 (what the generic formats and JSON readers get). */
    @Override public String toString() {
        if (text == null) text = new String(buf, off, len, StandardCharsets.UTF_8);
        return text;
    }
}
