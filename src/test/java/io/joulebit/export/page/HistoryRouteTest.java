package io.joulebit.export.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.export.Route;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/v1/history: column-wise points after `since`, and a clear 400 for a `since` that is not a number. */
class HistoryRouteTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualNanoClock mono = new ManualNanoClock(0);
    private Instant now = Instant.parse("2026-12-06T03:00:00Z");
    private final InstantSource wall = () -> now;
    private final RunAccountant acc = new RunAccountant(RunSettings.defaults("hist"), mono, wall);
    private final RunHistory history = new RunHistory(HistoryRing.defaults(), wall);
    private final HistoryRoute route = new HistoryRoute(history, acc::latest);

    private void second(int s, double watts) {
        mono.set(s * 1_000_000_000L);
        now = Instant.parse("2026-12-06T03:00:00Z").plusSeconds(s);
        acc.onPower(PowerSample.of("gpu0", DeviceKind.GPU, "nvml", mono.nanoTime(), watts));
        RunSnapshot snap = acc.publish();
        history.onPublish(snap);
    }

    private Route.Response get(String query) throws Exception {
        return route.handle(new Route.Request("GET", "/api/v1/history", Map.of(), new byte[0], query));
    }

    @Test
    void pointsAfterSinceColumnWise() throws Exception {
        for (int s = 0; s < 5; s++) second(s, 100 + s);
        double t2 = Instant.parse("2026-12-06T03:00:02Z").getEpochSecond();
        Route.Response r = get("since=" + t2);
        assertThat(r.status()).isEqualTo(200);
        JsonNode h = JSON.readTree(r.body());
        assertThat(h.path("t")).hasSize(2);
        assertThat(h.path("t").get(0).asDouble()).isEqualTo(t2 + 1);
        assertThat(h.at("/power_watts/gpu0").get(1).asDouble()).isEqualTo(104);
        assertThat(h.at("/series/loss_bits").get(0).isNull()).as("no step yet: null, never NaN").isTrue();
        assertThat(h.path("resolution_seconds").asDouble()).isEqualTo(1);
        assertThat(h.path("notes").toString()).contains("waiting for the first step");
        assertThat(JSON.readTree(get("").body()).path("t")).hasSize(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"since=yesterday", "since=", "since=NaN", "since=Infinity", "since=0x10", "since=12d",
            "since=1e999", "since=%zz"})
    void sinceThatIsNotANumberIs400WithAMessage(String query) throws Exception {
        second(0, 100);
        Route.Response r = get(query);
        assertThat(r.status()).isEqualTo(400);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("since: ");
    }

    @Test
    void onlyGet() throws Exception {
        Route.Response r = route.handle(new Route.Request("POST", "/api/v1/history", Map.of(), new byte[0], ""));
        assertThat(r.status()).isEqualTo(405);
    }
}
