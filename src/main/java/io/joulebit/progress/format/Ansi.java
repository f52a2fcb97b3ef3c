package io.joulebit.progress.format;

/** Removes ANSI escape sequences (colours, cursor moves) that rich/colour loggers put around metric fields. */
final class Ansi {
    private Ansi() {}

    static String strip(CharSequence s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\u001b') { b.append(c); continue; }
            if (i + 1 < n && s.charAt(i + 1) == '[') {
                int j = i + 2;
                while (j < n && (s.charAt(j) < '@' || s.charAt(j) > '~')) j++;   // parameters up to the final byte
                i = j;
            } else {
                i++;   // two-character escape
            }
        }
        return b.toString();
    }
}
