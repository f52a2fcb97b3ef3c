package io.joulebit.progress.djl;

import io.joulebit.health.HealthLog;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.json.StepEventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships {@link StepEvent}s from a training JVM to a joulebit sidecar: {@code POST http://host:port/api/v1/steps},
 * {@code Authorization: Bearer <token>}, body = JSON lines ({@link StepEventJson}).
 *
 * <p>{@link #accept} only offers the event to a bounded queue and returns at once: a full queue drops the event and
 * counts it. One daemon thread takes what is queued, up to {@code maxBatch} events per request, and posts it with
 * {@link HttpClient}. A sidecar that is down, slow or answers non-2xx costs the events of that request (counted in
 * {@link #dropped()}), never an exception or a stall in training. Logs are edge-triggered.
 */
public final class StepPoster implements Consumer<StepEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StepPoster.class);

    private final URI endpoint;
    private final String bearerToken;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final int maxBatch;
    private final BlockingQueue<StepEvent> queue;
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread sender;
    private volatile boolean closing;
    private final HealthLog health = new HealthLog(LOG); // WARN when posting starts failing, INFO when it works again

    /**
     * @param endpoint       full URL of the ingest, e.g. {@code http://127.0.0.1:9464/api/v1/steps}
     * @param bearerToken    sent as {@code Authorization: Bearer ...}; null or blank sends no header
     * @param queueCapacity  events held while the sender is busy; more are dropped
     * @param maxBatch       events per request at most
     * @param requestTimeout connect and response limit of one request
     */
    public StepPoster(URI endpoint, String bearerToken, int queueCapacity, int maxBatch, Duration requestTimeout) {
        if (queueCapacity < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("queueCapacity and maxBatch: Expecting >= 1. Found: "
                    + queueCapacity + ", " + maxBatch);
        }
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.maxBatch = maxBatch;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
        this.sender = new Thread(this::sendLoop, "joulebit-step-poster");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** The sidecar at {@code host:port} with defaults: 4096 queued, 256 per request, 5 s timeout. */
    public static StepPoster toSidecar(String host, int port, String bearerToken) {
        URI uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/api/v1/steps");
        return new StepPoster(uri, bearerToken, 4096, 256, Duration.ofSeconds(5));
    }

    @Override
    public void accept(StepEvent event) {
        if (closing || event == null || !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Events the sidecar acknowledged with 2xx. */
    public long posted() { return posted.get(); }

    /** Events lost: queue full, poster closed, or the request failed. */
    public long dropped() { return dropped.get(); }

    /** Events waiting to be sent. */
    public int queued() { return queue.size(); }

    /** Stops taking events, sends what is queued (bounded by about two request timeouts), then stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            sender.join(requestTimeout.multipliedBy(2).toMillis() + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt(); // still stuck after the flush deadline: give up on the rest
        dropped.addAndGet(queue.size());
        queue.clear();
    }

    private void sendLoop() {
        List<StepEvent> batch = new ArrayList<>(maxBatch);
        while (!closing || !queue.isEmpty()) {
            try {
                // a short wait so close() is noticed promptly; an offer wakes the poll at once
                StepEvent first = closing ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                post(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return; // only close() interrupts, after its flush deadline; post() counted the batch
            }
        }
    }

    private void post(List<StepEvent> batch) throws InterruptedException {
        StringBuilder body = new StringBuilder(batch.size() * 112);
        for (StepEvent e : batch) {
            body.append(StepEventJson.line(e)).append('\n');
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (bearerToken != null) {
            req.header("Authorization", "Bearer " + bearerToken);
        }
        try {
            int status = client.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                posted.addAndGet(batch.size());
                recovered();
            } else {
                failed(batch.size(), "HTTP " + status);
            }
        } catch (InterruptedException e) {
            failed(batch.size(), "interrupted");
            throw e;
        } catch (Exception e) { // IOException, timeouts, anything the client throws: training must not notice
            failed(batch.size(), e.toString());
        }
    }

    private void failed(int events, String why) {
        dropped.addAndGet(events);
        health.problem("post", why, "cannot post steps to {}: {}; dropping events until it answers ({} dropped so far)",
                endpoint, why, dropped.get());
    }

    private void recovered() {
        health.recovered("post", "posting steps to {} works again ({} dropped in all)", endpoint, dropped.get());
    }
}
