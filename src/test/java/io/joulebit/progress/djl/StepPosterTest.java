package io.joulebit.progress.djl;

import io.joulebit.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.sun.net.httpserver.HttpServer;
import io.joulebit.progress.StepEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StepPosterTest {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final List<String> types = new CopyOnWriteArrayList<>();
    private HttpServer server;

    /** A sidecar stand-in on an ephemeral port that records each posted line; {@code gate} holds requests. */
    private int startServer(int status, CountDownLatch entered, CountDownLatch gate) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/steps", ex -> {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            lines.addAll(body.lines().toList());
            auth.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            types.add(String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.setExecutor(null);
        server.start();
        return server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }


    @Test
    void postsEventsAsJsonLinesWithTheBearerToken() throws Exception {
        int port = startServer(204, new CountDownLatch(1), new CountDownLatch(0));
        try (StepPoster poster = StepPoster.toSidecar("127.0.0.1", port, "s3cret")) {
            for (int i = 1; i <= 5; i++) {
                poster.accept(StepEvent.train(i, 4.0 / i).withTokens(128L * i));
            }
            Await.until("condition", () -> poster.posted() == 5);
            assertThat(poster.dropped()).isZero();
        }
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("{\"step\":1,\"phase\":\"train\",\"loss_nats\":4.0,\"tokens\":128}");
        assertThat(lines.get(4)).contains("\"step\":5", "\"tokens\":640");
        assertThat(auth).isNotEmpty().allMatch("Bearer s3cret"::equals);
        assertThat(types).allMatch("application/x-ndjson"::equals);
    }

    @Test
    void aSidecarThatIsDownCostsCountedEventsAndNoException() throws Exception {
        int port = startServer(204, new CountDownLatch(1), new CountDownLatch(0));
        server.stop(0); // the port is now closed: connections are refused
        server = null;
        StepPoster poster = new StepPoster(URI.create("http://127.0.0.1:" + port + "/api/v1/steps"), "t", 64, 16,
                Duration.ofSeconds(2));
        assertThatCode(() -> {
            for (int i = 1; i <= 20; i++) {
                poster.accept(StepEvent.train(i, 1.0));
            }
        }).doesNotThrowAnyException();
        Await.until("condition", () -> poster.dropped() == 20);
        poster.close();
        assertThat(poster.posted()).isZero();
        assertThat(poster.dropped()).isEqualTo(20);
    }

    @Test
    void aRefusingSidecarCountsTheRequestsEventsAsDropped() throws Exception {
        int port = startServer(401, new CountDownLatch(1), new CountDownLatch(0));
        try (StepPoster poster = StepPoster.toSidecar("127.0.0.1", port, "wrong")) {
            poster.accept(StepEvent.train(1, 1.0));
            poster.accept(StepEvent.train(2, 1.0));
            Await.until("condition", () -> poster.dropped() == 2);
            assertThat(poster.posted()).isZero();
        }
    }

    @Test
    void aFullQueueDropsWithoutBlockingTheTrainingThread() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        int port = startServer(204, entered, gate);
        StepPoster poster = new StepPoster(URI.create("http://127.0.0.1:" + port + "/api/v1/steps"), null, 4, 8,
                Duration.ofSeconds(5));
        poster.accept(StepEvent.train(1, 1.0));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // the sender is now held inside a request

        for (int i = 2; i <= 10; i++) {
            poster.accept(StepEvent.train(i, 1.0)); // 4 fit in the queue, 5 do not
        }
        assertThat(poster.dropped()).isEqualTo(5);
        assertThat(poster.queued()).isEqualTo(4);

        gate.countDown();
        poster.close(); // flushes the queued four
        assertThat(poster.posted()).isEqualTo(5);
        assertThat(poster.dropped()).isEqualTo(5);
        assertThat(auth).allMatch("null"::equals); // no token configured: no header
        poster.accept(StepEvent.train(11, 1.0));
        assertThat(poster.dropped()).isEqualTo(6); // closed: refused and counted
    }
}
