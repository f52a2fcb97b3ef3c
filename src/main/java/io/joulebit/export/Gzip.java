package io.joulebit.export;

import java.util.Locale;

/** Whether an Accept-Encoding header allows gzip (RFC 9110 §12.5.3: a q=0 refuses it). */
final class Gzip {
    private Gzip() {}

    static boolean accepted(String acceptEncoding) {
        if (acceptEncoding == null) return false;
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.trim().split(";");
            String coding = p[0].trim();
            if (!coding.equals("gzip") && !coding.equals("x-gzip")) continue;
            for (int i = 1; i < p.length; i++) {
                String param = p[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        return Double.parseDouble(param.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }
}
