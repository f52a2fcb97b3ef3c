package io.joulebit.e2e;

import io.joulebit.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.agent.ChildSidecar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `joulebit run` prints the live page's URL, the page answers there, and after a restart of the same run the
 * history comes back from the run store: the charts do not start blank.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LivePageRestartTest {
    private static final Pattern URL = Pattern.compile("live page at (http://127\\.0\\.0\\.1:\\d+/)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String pageUrl(Process p, Path out) {
        return Await.until("the page URL printed", Duration.ofSeconds(60), () -> {
            if (!p.isAlive()) throw new AssertionError("sidecar exited: " + ChildSidecar.read(out));
            Matcher m = URL.matcher(ChildSidecar.read(out));
            return m.find() ? m.group(1) : null;
        }, u -> u != null);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode history(String base) {
        try {
            return JSON.readTree(get(base + "api/v1/history").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void steps(Path log, int from, int to) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append("{\"step\": ").append(i).append(", \"loss\": ").append(10.0 / Math.sqrt(i))
                    .append(", \"tokens\": ").append(i * 1000).append("}\n");
        }
        Files.writeString(log, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void urlPrintedAndHistoryRefilledAfterARestart(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        Path db = dir.resolve("store.db");
        Path config = ChildSidecar.writeConfig(dir, log, db);
        steps(log, 1, 20);
        Path out1 = dir.resolve("first.out");
        Process first = ChildSidecar.start(dir, config, "page-resume", out1);
        JsonNode before;
        try {
            String base = pageUrl(first, out1);
            HttpResponse<String> page = get(base);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("<title>joulebit</title>").doesNotContain("/*PAGE_JS*/");
            Await.until("steps in the page's history", Duration.ofSeconds(60), () -> {
                JsonNode h = history(base);
                return h.path("t").size() >= 3 && h.at("/series/loss_bits").toString().matches(".*\\d.*");
            });
            steps(log, 21, 40);
            before = Await.until("more history, checkpointed", Duration.ofSeconds(60), () -> history(base),
                    h -> h.path("t").size() >= 5 && ChildSidecarLatestSteps.of(db) >= 40);
        } finally {
            first.destroy(); // SIGTERM: the sidecar flushes and writes its last checkpoint
            first.waitFor(30, TimeUnit.SECONDS);
            first.destroyForcibly();
        }
        double firstT = before.path("t").get(0).asDouble();
        double lastT = before.path("t").get(before.path("t").size() - 1).asDouble();
        Path out2 = dir.resolve("second.out");
        Process second = ChildSidecar.start(dir, config, "page-resume", out2);
        try {
            JsonNode after = history(pageUrl(second, out2));
            JsonNode t = after.path("t");
            assertThat(t.size()).as("points from before the restart").isGreaterThanOrEqualTo(3);
            assertThat(t.get(0).asDouble()).as("the history starts where the first agent's did")
                    .isBetween(firstT - 1, firstT + 1);
            int old = 0;
            boolean lossSeen = false;
            boolean powerSeen = false;
            for (int i = 0; i < t.size() && t.get(i).asDouble() <= lastT; i++) {
                old++;
                lossSeen |= after.at("/series/loss_bits").get(i).isNumber();
                powerSeen |= after.at("/power_watts/gpu0").get(i).isNumber();
            }
            assertThat(old).isGreaterThanOrEqualTo(3);
            assertThat(lossSeen).as("stored steps charted").isTrue();
            assertThat(powerSeen).as("stored power charted").isTrue();
            assertThat(after.at("/series/information_bits").toString()).as("checkpoint figures").matches(".*\\d.*");
            assertThat(ChildSidecar.read(out2)).contains("history refilled from the store");
        } finally {
            second.destroyForcibly();
            second.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The last checkpoint's step count, 0 before the first. */
    private static final class ChildSidecarLatestSteps {
        static long of(Path db) {
            try {
                return ChildSidecar.latest(db, "page-resume").map(c -> c.steps()).orElse(0L);
            } catch (Exception e) {
                return 0;
            }
        }
    }
}
