package io.joulebit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.testing.Await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real headless Chromium (Debian's {@code chromium}, installed by scripts/install-test-tools.sh) driven over the
 * DevTools protocol with the JDK's WebSocket: navigate, evaluate JavaScript, set headers, take screenshots. Its
 * lifetime is bounded twice: coreutils {@code timeout} kills it after {@link #LIFETIME}, and {@link #close()} kills
 * it and its children. It runs as root here, so it needs --no-sandbox.
 */
public final class Chromium implements AutoCloseable {
    static final Duration LIFETIME = Duration.ofMinutes(4);
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket socket, Listener listener) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
        listener.owner = this;
    }

    /** The binary: -Djoulebit.chromium, else {@code chromium} on the PATH. */
    static String binary() { return System.getProperty("joulebit.chromium", "chromium"); }

    /** Starts Chromium with a fresh profile under {@code dir}, a window of {@code width}×{@code height}. */
    public static Chromium start(Path dir, int width, int height, String... extraFlags) throws Exception {
        Path profile = Files.createTempDirectory(dir, "chromium-profile");
        List<String> argv = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(LIFETIME.toSeconds()),
                binary(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--mute-audio", "--hide-scrollbars",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height));
        argv.addAll(List.of(extraFlags));
        argv.add("about:blank");
        Process p = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            String port = Await.until("chromium's DevTools port (see " + dir.resolve("chromium.log") + ")",
                    Duration.ofSeconds(60), () -> {
                        if (!p.isAlive()) throw new AssertionError("chromium exited " + p.exitValue());
                        try {
                            List<String> lines = Files.exists(portFile) ? Files.readAllLines(portFile) : List.of();
                            return lines.isEmpty() ? "" : lines.get(0).strip();
                        } catch (IOException e) {
                            return "";
                        }
                    }, s -> !s.isEmpty());
            HttpClient http = HttpClient.newHttpClient();
            String ws = Await.until("a page target", Duration.ofSeconds(30), () -> {
                try {
                    JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + port + "/json/list")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                    for (JsonNode t : targets) {
                        if ("page".equals(t.path("type").asText())) return t.path("webSocketDebuggerUrl").asText();
                    }
                    return "";
                } catch (IOException e) {
                    return "";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }, s -> !s.isEmpty());
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(ws), listener).get(30, TimeUnit.SECONDS);
            return new Chromium(p, profile, socket, listener);
        } catch (Exception | AssertionError e) {
            kill(p);
            throw e;
        }
    }

    /** Sends one DevTools command and waits for its result; a protocol error fails the test. */
    public JsonNode send(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = reply.get(CALL.toSeconds(), TimeUnit.SECONDS);
        if (r.has("error")) throw new AssertionError(method + " failed: " + r.get("error"));
        return r.path("result");
    }

    /** Evaluates {@code expression} in the page (promises awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new AssertionError("page script failed: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Evaluates {@code expression} until its value satisfies {@code ok}; fails after {@code deadline}. */
    public JsonNode evalUntil(String what, String expression, Predicate<JsonNode> ok,
                              Duration deadline) {
        return Await.until(what, deadline, () -> {
            try {
                return eval(expression);
            } catch (Exception | AssertionError e) { // e.g. the page still loading: try again until the deadline
                throw new IllegalStateException(e);
            }
        }, ok);
    }

    public void navigate(String url) throws Exception {
        send("Page.enable", Map.of());
        send("Page.navigate", Map.of("url", url));
    }

    /** Saves a PNG of the whole page (beyond the viewport) to {@code file}. */
    public void screenshot(Path file) throws Exception {
        JsonNode r = send("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, Base64.getDecoder().decode(r.path("data").asText()));
    }

    @Override
    public void close() {
        try {
            socket.abort();
        } finally {
            kill(process);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects fragmented text frames into messages and completes the matching command. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buf = new StringBuilder();
        volatile Chromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buf.append(data);
            if (last) {
                String text = buf.toString();
                buf.setLength(0);
                try {
                    JsonNode msg = JSON.readTree(text);
                    if (msg.has("id") && owner != null) {
                        CompletableFuture<JsonNode> f = owner.pending.remove(msg.get("id").asInt());
                        if (f != null) f.complete(msg);
                    }
                } catch (IOException e) {
                    // not JSON: ignore, the waiting command times out with a clear message
                }
            }
            ws.request(1);
            return null;
        }
    }
}
