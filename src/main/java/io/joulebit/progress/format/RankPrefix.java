package io.joulebit.progress.format;

/**
 * The prefix a launcher puts before every line a rank prints: torchrun {@code [rank3]:} and {@code [default0]:}
 * (its --tee/--redirect form), Slurm {@code srun -l} {@code 3: } (right-aligned with blanks when there are many
 * tasks). Formats read the text after it. Only these exact shapes are prefixes, so a format whose own lines start
 * with a number and a colon ({@code 12:30:01}, {@code 3:loss}) is left alone: the colon must be followed by a blank.
 */
final class RankPrefix {
    private RankPrefix() {}

    /** Length of the rank prefix at the start of {@code s} (the blank after it included), or 0. */
    static int length(CharSequence s) {
        int n = s.length();
        if (n == 0) return 0;
        if (s.charAt(0) == '[') return bracketed(s, n);
        int i = 0;
        while (i < n && i < 8 && s.charAt(i) == ' ') i++;
        int d = i;
        while (i < n && i - d < 6 && isDigit(s.charAt(i))) i++;
        if (i == d || i + 1 >= n || s.charAt(i) != ':' || s.charAt(i + 1) != ' ') return 0;
        return i + 2;
    }

    private static int bracketed(CharSequence s, int n) {
        int i;
        if (startsWith(s, "[rank")) i = 5;
        else if (startsWith(s, "[default")) i = 8;
        else return 0;
        int d = i;
        while (i < n && isDigit(s.charAt(i))) i++;
        if (i == d || i + 1 >= n || s.charAt(i) != ']' || s.charAt(i + 1) != ':') return 0;
        i += 2;
        if (i < n && s.charAt(i) == ' ') i++;
        return i;
    }

    private static boolean startsWith(CharSequence s, String p) {
        if (s.length() < p.length()) return false;
        for (int i = 0; i < p.length(); i++) if (s.charAt(i) != p.charAt(i)) return false;
        return true;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
