package io.joulebit.progress.tail;

/**
 * Turns what a terminal-minded program wrote into the text a human saw: ANSI escape sequences (CSI, OSC and the
 * other ESC forms) are removed, and of the carriage-return-separated redraws of a progress bar only the last
 * non-blank segment is kept (which also strips the CR of CRLF).
 */
final class LineCleaner {
    private static final char ESC = 0x1b;
    private static final char CSI_8BIT = 0x9b;
    private static final char BEL = 0x07;

    private LineCleaner() {}

    static String clean(String line) {
        boolean hasEscape = false;
        boolean hasCr = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ESC || c == CSI_8BIT) hasEscape = true;
            else if (c == '\r') hasCr = true;
        }
        String text = hasEscape ? stripAnsi(line) : line;
        return hasCr ? lastSegment(text) : text;
    }

    static String stripAnsi(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == CSI_8BIT) {
                i = skipCsi(s, i + 1);
            } else if (c != ESC) {
                out.append(c);
                i++;
            } else if (i + 1 >= n) {
                i++;
            } else {
                char kind = s.charAt(i + 1);
                if (kind == '[') i = skipCsi(s, i + 2);
                else if (kind == ']' || kind == 'P' || kind == 'X' || kind == '^' || kind == '_') i = skipString(s, i + 2);
                else i = skipShort(s, i + 1);
            }
        }
        return out.toString();
    }

    /** CSI: parameter bytes 0x30-0x3F, intermediate bytes 0x20-0x2F, one final byte 0x40-0x7E. */
    private static int skipCsi(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) >= 0x30 && s.charAt(i) <= 0x3F) i++;
        while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) i++;
        if (i < n && s.charAt(i) >= 0x40 && s.charAt(i) <= 0x7E) i++;
        return i;
    }

    /** OSC/DCS/SOS/PM/APC: a string ended by BEL or ST (ESC \); unterminated runs to the end of the line. */
    private static int skipString(String s, int i) {
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == BEL) return i + 1;
            if (c == ESC && i + 1 < n && s.charAt(i + 1) == '\\') return i + 2;
            i++;
        }
        return n;
    }

    /** Two- or three-character forms such as ESC 7, ESC M, ESC ( B: intermediates then one final character. */
    private static int skipShort(String s, int i) {
        int n = s.length();
        while (i < n && s.charAt(i) >= 0x20 && s.charAt(i) <= 0x2F) i++;
        return Math.min(i + 1, n);
    }

    static String lastSegment(String s) {
        int end = s.length();
        while (end >= 0) {
            int cr = s.lastIndexOf('\r', end - 1);
            String segment = s.substring(cr + 1, end);
            if (!segment.isBlank()) return segment;
            if (cr < 0) break;
            end = cr;
        }
        return "";
    }
}
