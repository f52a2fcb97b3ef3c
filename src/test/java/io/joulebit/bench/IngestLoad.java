package io.joulebit.bench;

import io.joulebit.agent.Agent;
import io.joulebit.run.RunSettings;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingest throughput over loopback HTTP: clients POST JSON-lines batches of steps to an agent for a fixed time; the
 * figure is steps the accountant applied per second (client and server share this machine's cores).
 * Usage: IngestLoad [seconds=20] [clients=4] [batch=500]
 */
public final class IngestLoad {
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        String token = "bench-token-0123456789abcdef";
        try (Agent agent = Agent.builder(RunSettings.defaults("ingest-bench").withParams(124_000_000L))
                .listen("127.0.0.1", 0).ingest(token, 64L << 20).start()) {
            URI uri = URI.create("http://127.0.0.1:" + agent.port() + "/api/v1/steps");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            AtomicLong nextStep = new AtomicLong(1);
            AtomicLong rejected = new AtomicLong();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            long t0 = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Thread t = new Thread(() -> {
                    StringBuilder body = new StringBuilder(batch * 64);
                    while (System.nanoTime() < end) {
                        body.setLength(0);
                        long first = nextStep.getAndAdd(batch);
                        for (long s = first; s < first + batch; s++) {
                            body.append("{\"step\":").append(s).append(",\"loss_nats\":").append(10.0 / Math.sqrt(s))
                                    .append(",\"tokens\":").append(s * 4096).append("}\n");
                        }
                        try {
                            var r = http.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() != 202) rejected.incrementAndGet();
                        } catch (Exception e) {
                            rejected.incrementAndGet();
                        }
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join();
            double sent = (System.nanoTime() - t0) / 1e9;
            long posted = nextStep.get() - 1;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (agent.latest().sequence() > 0 && agent.loop().dropped() == 0
                    && System.nanoTime() < deadline && agent.latest().progress().trainSteps() + agent.latest()
                    .progress().stepsReplayed() < posted) {
                Thread.sleep(20);
            }
            double applied = (System.nanoTime() - t0) / 1e9;
            long steps = agent.latest().progress().trainSteps() + agent.latest().progress().stepsReplayed();
            System.out.printf("clients=%d batch=%d: posted %d steps in %.1f s, applied %d in %.1f s -> %.0f steps/s; "
                    + "rejected requests %d, queue drops %d%n", clients, batch, posted, sent, steps, applied,
                    steps / applied, rejected.get(), agent.loop().dropped());
        }
    }
}
