package io.joulebit.progress.format;

/**
 * Allocation-free number scanning over a CharSequence: the hot path of every hand-written parser. One instance per
 * parser (not thread-safe); after a successful call {@link #value} holds the number and {@link #end} the index past it.
 * Understands signs, decimals, exponents, nan/inf/infinity in any case and thousands separators ("1,234,567").
 */
final class Scan {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    double value;
    int end;

    /**
     * mant × 10^exp10 exactly rounded when both operands are exact doubles (Clinger's fast path: one IEEE multiply or
     * divide), else NaN so the caller falls back to Double.parseDouble. Shared by the text and byte scanners.
     */
    static double fastPath(long mant, int exp10) {
        if (mant >= (1L << 53) || exp10 < -22 || exp10 > 22) return Double.NaN;
        return exp10 >= 0 ? mant * POW10[exp10] : mant / POW10[-exp10];
    }

    /** Index of {@code needle} in {@code s} at or after {@code from}, or -1. */
    static int indexOf(CharSequence s, String needle, int from) { return indexOf(s, needle, from, s.length()); }

    /** Index of {@code needle} starting in [from, to) and ending within the sequence, or -1. */
    static int indexOf(CharSequence s, String needle, int from, int to) {
        int n = needle.length();
        int last = Math.min(s.length() - n, to - 1);
        if (n == 0) return from <= s.length() ? from : -1;
        char first = needle.charAt(0);
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (s instanceof ByteLine b && first < 128) {      // skip ahead eight bytes at a time
                i = b.indexOf(first, i);
                if (i < 0 || i > last) return -1;
            }
            if (s.charAt(i) != first) continue;
            int j = 1;
            while (j < n && s.charAt(i + j) == needle.charAt(j)) j++;
            if (j == n) return i;
        }
        return -1;
    }

    static boolean contains(CharSequence s, String needle) { return indexOf(s, needle, 0) >= 0; }

    static boolean startsWith(CharSequence s, int at, String prefix) {
        if (at < 0 || at + prefix.length() > s.length()) return false;
        for (int j = 0; j < prefix.length(); j++) if (s.charAt(at + j) != prefix.charAt(j)) return false;
        return true;
    }

    /** The index just past {@code key}, which sits at {@code at}. */
    static int past(int at, String key) { return at + key.length(); }

    /** Reads the number after {@code key}, which sits at {@code at} (as {@link #number}: blanks, ':' and '=' skipped). */
    boolean numberPast(CharSequence s, int at, String key) { return number(s, at + key.length()); }

    /** Reads the whole number after {@code key}, which sits at {@code at} (as {@link #integer}). */
    boolean integerPast(CharSequence s, int at, String key) { return integer(s, at + key.length()); }

    /** Finds {@code key} at or after {@code from}, then reads the whole number after it. */
    boolean integerAfter(CharSequence s, String key, int from) {
        int k = indexOf(s, key, from);
        return k >= 0 && integerPast(s, k, key);
    }

    /** Finds {@code key} then reads the number after it, skipping blanks, ':' and '='. */
    boolean numberAfter(CharSequence s, String key, int from) {
        int k = indexOf(s, key, from);
        return k >= 0 && number(s, k + key.length());
    }

    /** Reads a number at {@code i}, after optional blanks, ':' and '='. */
    boolean number(CharSequence s, int i) {
        int n = s.length();
        while (i < n && isSep(s.charAt(i))) i++;
        return numberAt(s, i, n);
    }

    /** Like {@link #number} but the value must be a whole number (no fraction, exponent or nan). */
    boolean integer(CharSequence s, int i) {
        if (!number(s, i)) return false;
        double v = value;
        return v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 9.0e15;
    }

    private static boolean isSep(char c) { return c == ' ' || c == '\t' || c == ':' || c == '='; }

    private boolean numberAt(CharSequence s, int start, int n) {
        int i = start;
        boolean neg = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) neg = s.charAt(i++) == '-';
        if (i < n && !isDigit(s.charAt(i)) && s.charAt(i) != '.') return special(s, i, n, neg);
        long mant = 0;
        int digits = 0;
        int exp10 = 0;
        boolean any = false;
        while (i < n) {
            char c = s.charAt(i);
            if (isDigit(c)) {
                any = true;
                if (digits < 18) { mant = mant * 10 + (c - '0'); if (mant != 0) digits++; } else exp10++;
                i++;
            } else if (c == ',' && any && threeDigits(s, i + 1, n)) {
                i++;
            } else {
                break;
            }
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                any = true;
                if (digits < 18) { mant = mant * 10 + (s.charAt(i) - '0'); if (mant != 0) digits++; exp10--; }
                i++;
            }
        }
        if (!any) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            boolean eneg = false;
            if (j < n && (s.charAt(j) == '-' || s.charAt(j) == '+')) eneg = s.charAt(j++) == '-';
            int e = 0;
            int k = j;
            while (k < n && isDigit(s.charAt(k)) && e < 100000) e = e * 10 + (s.charAt(k++) - '0');
            if (k > j) { exp10 += eneg ? -e : e; i = k; }
        }
        end = i;
        double v;
        v = fastPath(mant, exp10);
        if (Double.isNaN(v)) v = slow(s, start, i);
        value = neg ? -v : v;
        return true;
    }

    private static boolean threeDigits(CharSequence s, int i, int n) {
        if (i + 3 > n) return false;
        for (int j = i; j < i + 3; j++) if (!isDigit(s.charAt(j))) return false;
        return i + 3 == n || !isDigit(s.charAt(i + 3));
    }

    private static double slow(CharSequence s, int start, int end) {
        StringBuilder b = new StringBuilder(end - start);
        int j = start;
        if (s.charAt(j) == '-' || s.charAt(j) == '+') j++;
        for (; j < end; j++) if (s.charAt(j) != ',') b.append(s.charAt(j));
        try {
            return Math.abs(Double.parseDouble(b.toString()));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private boolean special(CharSequence s, int i, int n, boolean neg) {
        if (matchWord(s, i, n, "nan")) { value = Double.NaN; end = i + 3; return true; }
        if (matchWord(s, i, n, "infinity")) { value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; end = i + 8; return true; }
        if (matchWord(s, i, n, "inf")) { value = neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY; end = i + 3; return true; }
        return false;
    }

    private static boolean matchWord(CharSequence s, int i, int n, String w) {
        if (i + w.length() > n) return false;
        for (int j = 0; j < w.length(); j++) if (Character.toLowerCase(s.charAt(i + j)) != w.charAt(j)) return false;
        int k = i + w.length();
        return k == n || !Character.isLetterOrDigit(s.charAt(k));
    }

    static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
