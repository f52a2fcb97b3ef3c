package io.joulebit.power.nvidiasmi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a byte stream into '\n'-terminated lines. Unlike BufferedReader it can tell a complete last line from one cut
 * off when the process died mid-write, so the caller can count the latter as "partial" instead of parsing it.
 */
final class LineSplitter {
    private static final int MAX_LINE = 16 * 1024;

    private LineSplitter() {}

    /** Feeds complete lines to {@code line}; returns the unterminated tail at EOF ("" when none). */
    static String pump(InputStream in, Consumer<String> line, Runnable overlong) throws IOException {
        ByteArrayOutputStream cur = new ByteArrayOutputStream(256);
        byte[] buf = new byte[8192];
        boolean skipping = false;
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (!skipping) {
                        line.accept(strip(cur.toString(StandardCharsets.UTF_8)));
                    }
                    cur.reset();
                    skipping = false;
                } else if (!skipping) {
                    cur.write(b);
                    if (cur.size() > MAX_LINE) { // a runaway line: drop it whole, count once
                        overlong.run();
                        cur.reset();
                        skipping = true;
                    }
                }
            }
        }
        return skipping ? "" : strip(cur.toString(StandardCharsets.UTF_8));
    }

    private static String strip(String s) {
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
