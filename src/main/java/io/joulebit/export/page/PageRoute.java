package io.joulebit.export.page;

import io.joulebit.export.Route;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/**
 * GET /: the live page, one self-contained HTML document built once from the jar's page.html, page.css and page.js
 * (kept apart for editing, inlined here so the page is one request). Its Content-Security-Policy allows exactly
 * those two inline blocks (by hash) and fetches from this agent only: the page can reach nothing else.
 */
public final class PageRoute implements Route {
    private static final String DIR = "/io/joulebit/export/page/";

    /**
     * The page, built by the first request for it: reading the three assets and hashing two of them (SHA-256 starts
     * the JDK's security providers) took ~20 ms, which at bind time sat on the path to a sidecar's first /metrics.
     */
    private static final class Page {
        static final byte[] HTML;
        static final Map<String, String> HEADERS;

        static {
            String css = resource("page.css");
            String js = resource("page.js");
            HTML = resource("page.html").replace("/*PAGE_CSS*/", css).replace("/*PAGE_JS*/", js)
                    .getBytes(StandardCharsets.UTF_8);
            HEADERS = Map.of(
                    "Content-Security-Policy", "default-src 'none'; connect-src 'self'; img-src 'self' data:; "
                            + "style-src '" + sha256(css) + "'; script-src '" + sha256(js) + "'; base-uri 'none'; "
                            + "form-action 'none'; frame-ancestors 'none'",
                    "Cache-Control", "no-cache",
                    "X-Content-Type-Options", "nosniff",
                    "Referrer-Policy", "no-referrer");
        }
    }

    @Override
    public Response handle(Request req) {
        if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
            return new Response(405, "text/plain; charset=utf-8", "use GET\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "GET, HEAD"));
        }
        return new Response(200, "text/html; charset=utf-8", Page.HTML, Page.HEADERS);
    }

    private static String resource(String name) {
        try (InputStream in = PageRoute.class.getResourceAsStream(DIR + name)) {
            if (in == null) throw new IllegalStateException("page asset missing from the jar: " + DIR + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
