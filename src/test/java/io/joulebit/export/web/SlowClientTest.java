package io.joulebit.export.web;

import io.joulebit.testing.ChildJava;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow clients and header floods against the agent's server in a child JVM (the JDK reads these limits once per
 * JVM). The child gets {@code maxReqTime=1} so the test is quick; every other limit is joulebit's own default,
 * applied by HttpEndpoint before the server class loads.
 */
class SlowClientTest {
    private static Process child;
    private static int port;

    @BeforeAll
    static void startChild() throws Exception {
        List<String> argv = ChildJava.command("-Xmx128m", "-Dsun.net.httpserver.maxReqTime=1",
                LimitsProbeServer.class.getName());
        child = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("PORT ")) {
                port = Integer.parseInt(line.substring(5).trim());
                return;
            }
        }
        throw new AssertionError("probe server exited before printing its port");
    }

    @AfterAll
    static void stopChild() throws Exception {
        child.getOutputStream().close();
        if (!child.waitFor(20, TimeUnit.SECONDS)) child.destroyForcibly();
    }

    @Test
    void aClientThatTricklesHeadersAndStallsIsDisconnected() throws Exception {
        // Read timeout 15 s, far beyond maxReqTime (1 s) and below the 30 s idle timeout: only the limit can close it.
        try (Socket s = RawHttp.connect(port, 15_000)) {
            for (byte b : "GET /metrics HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII)) {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                Thread.sleep(40); // pacing a slow client, not waiting for a condition
            }
            assertThat(RawHttp.closedByServer(s)).as("server closed the stalled connection").isTrue();
        }
        assertThat(RawHttp.status(RawHttp.exchange(port, "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"))).isEqualTo(200);
    }

    /**
     * The JDK server reads bodies on its handler threads, so uploads that stall hold them; the limit is what gives
     * them back. (While all 4 are held a scrape waits, up to maxReqTime: a thread-per-request server's limit.)
     */
    @Test
    void uploadsWhoseBodyNeverArrivesAreCutOffAndTheServerServesAgain() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) { // more stalled uploads than the server has handler threads (4)
                Socket s = RawHttp.connect(port, 15_000);
                s.getOutputStream().write(("POST /api/v1/steps HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer t\r\n"
                        + "Content-Length: 1000\r\n\r\n{\"step\":").getBytes(StandardCharsets.US_ASCII));
                stalled.add(s);
            }
            for (Socket s : stalled) assertThat(RawHttp.closedByServer(s)).as("stalled upload cut off").isTrue();
            String r = RawHttp.exchange(port, "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");
            assertThat(RawHttp.status(r)).isEqualTo(200);
        } finally {
            for (Socket s : stalled) s.close();
        }
    }

    @Test
    void tooManyHeadersAreRefusedAFewAreFine() throws Exception {
        assertThat(RawHttp.status(RawHttp.exchange(port, request(20)))).isEqualTo(200);
        String flood = RawHttp.exchange(port, request(150)); // JDK default would take 200; ours stops at 100
        assertThat(RawHttp.status(flood)).isNotEqualTo(200);
        assertThat(flood).doesNotContain("joulebit_up");
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        String big = "GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n";
        String r = RawHttp.exchange(port, big); // 40 KB > our 32 KiB limit (JDK default 380 KiB)
        assertThat(RawHttp.status(r)).isNotEqualTo(200);
        assertThat(r).doesNotContain("joulebit_up");
    }

    private static String request(int headers) {
        StringBuilder b = new StringBuilder("GET /metrics HTTP/1.1\r\nHost: a\r\nConnection: close\r\n");
        for (int i = 0; i < headers; i++) b.append("X-H").append(i).append(": v\r\n");
        return b.append("\r\n").toString();
    }
}
