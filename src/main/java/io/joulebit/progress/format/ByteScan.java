package io.joulebit.progress.format;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * {@link Scan} over raw bytes: the same rules (each byte read as the ISO-8859-1 char a {@link ByteLine} shows), on
 * absolute indices into a byte array, so the hot formats skip the CharSequence interface. One instance per parser;
 * after a successful call {@link #value} holds the number and {@link #end} the index past it.
 */
final class ByteScan {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    double value;
    int end;

    static byte[] ascii(String s) { return s.getBytes(StandardCharsets.ISO_8859_1); }

    /** Index of byte {@code c} in [from, to), eight bytes at a time; -1 if absent. */
    static int indexOf(byte[] b, byte c, int from, int to) {
        long pattern = (c & 0xffL) * ONES;
        int i = Math.max(from, 0);
        for (; i + 8 <= to; i += 8) {
            long w = (long) LONGS.get(b, i) ^ pattern;
            long z = (w - ONES) & ~w & HIGHS;
            if (z != 0) return i + (Long.numberOfTrailingZeros(z) >>> 3);
        }
        for (; i < to; i++) if (b[i] == c) return i;
        return -1;
    }

    /** Index of {@code needle} starting in [from, startTo) and ending by {@code to}, or -1. */
    static int indexOf(byte[] b, byte[] needle, int from, int startTo, int to) {
        int n = needle.length;
        if (n == 0) return from <= to ? from : -1;
        int last = Math.min(to - n, startTo - 1);
        byte first = needle[0];
        for (int i = from; i <= last; i++) {
            i = indexOf(b, first, i, last + 1);
            if (i < 0) return -1;
            int j = 1;
            while (j < n && b[i + j] == needle[j]) j++;
            if (j == n) return i;
        }
        return -1;
    }

    static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        if (at < 0 || at + prefix.length > to) return false;
        for (int j = 0; j < prefix.length; j++) if (b[at + j] != prefix[j]) return false;
        return true;
    }

    /** The index just past {@code key}, which sits at {@code at}. */
    static int past(int at, byte[] key) { return at + key.length; }

    /** Reads the number after {@code key}, which sits at {@code at}, within [at, to). */
    boolean numberPast(byte[] b, int at, byte[] key, int to) { return number(b, at + key.length, to); }

    /** Reads the whole number after {@code key}, which sits at {@code at}, within [at, to). */
    boolean integerPast(byte[] b, int at, byte[] key, int to) { return integer(b, at + key.length, to); }

    /** Finds {@code key} in [from, to) then reads the number after it, skipping blanks, ':' and '='. */
    boolean numberAfter(byte[] b, byte[] key, int from, int to) {
        int k = indexOf(b, key, from, to, to);
        return k >= 0 && number(b, k + key.length, to);
    }

    /** Reads a number at {@code i} (before {@code to}), after optional blanks, ':' and '='. */
    boolean number(byte[] b, int i, int to) {
        while (i < to && isSep(b[i])) i++;
        return numberAt(b, i, to);
    }

    /** Like {@link #number} but the value must be a whole number (no fraction, exponent or nan). */
    boolean integer(byte[] b, int i, int to) {
        while (i < to && isSep(b[i])) i++;
        long v = 0;
        int j = i;
        while (j < to && j - i < 15 && isDigit(b[j])) v = v * 10 + (b[j++] - '0');
        if (j > i && (j == to || !continuesNumber(b[j]))) {    // plain digits, the common case: no double maths
            value = v;
            end = j;
            return true;
        }
        return numberAt(b, i, to) && whole();
    }

    private static boolean continuesNumber(byte c) { return isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == ','; }

    private boolean whole() {
        double v = value;
        return v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 9.0e15;
    }

    private static boolean isSep(byte c) { return c == ' ' || c == '\t' || c == ':' || c == '='; }

    private static boolean isDigit(byte c) { return c >= '0' && c <= '9'; }

    private boolean numberAt(byte[] b, int start, int n) {
        int i = start;
        boolean neg = false;
        if (i < n && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
        if (i < n && !isDigit(b[i]) && b[i] != '.') return special(b, i, n, neg);
        long mant = 0;
        int digits = 0;
        int exp10 = 0;
        boolean any = false;
        while (i < n) {
            byte c = b[i];
            if (isDigit(c)) {
                any = true;
                if (digits < 18) { mant = mant * 10 + (c - '0'); if (mant != 0) digits++; } else exp10++;
                i++;
            } else if (c == ',' && any && threeDigits(b, i + 1, n)) {
                i++;
            } else {
                break;
            }
        }
        if (i < n && b[i] == '.') {
            i++;
            while (i < n && isDigit(b[i])) {
                any = true;
                if (digits < 18) { mant = mant * 10 + (b[i] - '0'); if (mant != 0) digits++; exp10--; }
                i++;
            }
        }
        if (!any) return false;
        if (i < n && (b[i] == 'e' || b[i] == 'E')) {
            int j = i + 1;
            boolean eneg = false;
            if (j < n && (b[j] == '-' || b[j] == '+')) eneg = b[j++] == '-';
            int e = 0;
            int k = j;
            while (k < n && isDigit(b[k]) && e < 100000) e = e * 10 + (b[k++] - '0');
            if (k > j) { exp10 += eneg ? -e : e; i = k; }
        }
        end = i;
        double v;
        v = Scan.fastPath(mant, exp10);
        if (Double.isNaN(v)) v = slow(b, start, i);
        value = neg ? -v : v;
        return true;
    }

    private static boolean threeDigits(byte[] b, int i, int n) {
        if (i + 3 > n) return false;
        for (int j = i; j < i + 3; j++) if (!isDigit(b[j])) return false;
        return i + 3 == n || !isDigit(b[i + 3]);
    }

    private static double slow(byte[] b, int start, int end) {
        StringBuilder s = new StringBuilder(end - start);
        int j = start;
        if (b[j] == '-' || b[j] == '+') j++;
        for (; j < end; j++) if (b[j] != ',') s.append((char) (b[j] & 0xff));
        try {
            return Math.abs(Double.parseDouble(s.toString()));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private boolean special(byte[] b, int i, int n, boolean neg) {
        if (matchWord(b, i, n, "nan")) { value = Double.NaN; end = i + 3; return true; }
        if (matchWord(b, i, n, "infinity")) { value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; end = i + 8; return true; }
        if (matchWord(b, i, n, "inf")) { value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; end = i + 3; return true; }
        return false;
    }

    private static boolean matchWord(byte[] b, int i, int n, String w) {
        if (i + w.length() > n) return false;
        for (int j = 0; j < w.length(); j++) if (Character.toLowerCase((char) (b[i + j] & 0xff)) != w.charAt(j)) return false;
        int k = i + w.length();
        return k == n || !Character.isLetterOrDigit((char) (b[k] & 0xff));
    }
}
