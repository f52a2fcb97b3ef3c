package io.joulebit.e2e;

import io.joulebit.testing.Await;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.agent.Agent;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.power.nvidiasmi.NvidiaSmiConfig;
import io.joulebit.power.nvidiasmi.NvidiaSmiSource;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.tail.LogTailer;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The live page in a real headless Chromium: an agent samples a fake 8-GPU nvidia-smi (with some garbage lines, so
 * the health notes have something to say) and follows a growing Megatron log; the page's charts fill and update,
 * every figure it shows equals /api/v1/run of the same snapshot (the card's raw value in data-value, its text read
 * back through the SI prefix), and screenshots for a laptop and a phone land in target/. An empty run says
 * "waiting for the first step" and shows no NaN.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LivePageBrowserTest {
    private static final String H100 = "linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Every card: data-key → the /api/v1/run field it shows and the unit its text must end with. */
    private static final Map<String, String[]> CARDS = Map.ofEntries(
            Map.entry("energy_joules", new String[]{"/figures/energy_joules", "J"}),
            Map.entry("tokens", new String[]{"/tokens", "tokens"}),
            Map.entry("last_loss_bits", new String[]{"/last_loss_bits", "bit/token"}),
            Map.entry("information_bits", new String[]{"/figures/information_bits", "bit"}),
            Map.entry("energy_per_bit_joules", new String[]{"/figures/energy_per_bit_joules", "J/bit"}),
            Map.entry("energy_per_token_joules", new String[]{"/figures/energy_per_token_joules", "J/token"}),
            Map.entry("landauer_efficiency_ratio", new String[]{"/figures/landauer_efficiency_ratio", ""}),
            Map.entry("information_capacity_ratio", new String[]{"/figures/information_capacity_ratio", ""}),
            Map.entry("negentropy_flux_total_bits_per_second",
                    new String[]{"/figures/negentropy_flux_total_bits_per_second", "bit/s"}),
            Map.entry("average_power_watts", new String[]{"/figures/average_power_watts", "W"}),
            Map.entry("carbon_grams", new String[]{"/figures/carbon_grams", "g CO₂e"}));

    /** What the page shows, read in one evaluation so it is one consistent moment of the page. */
    private static final String READ_PAGE = """
            JSON.stringify({
              sequence: document.getElementById('page').dataset.sequence,
              waiting: !document.getElementById('waiting').hidden,
              cards: Object.fromEntries([...document.querySelectorAll('.card')].map(c =>
                  [c.dataset.key, {value: c.dataset.value, text: c.querySelector('.value').textContent, hidden: c.hidden}])),
              devices: Object.fromEntries([...document.querySelectorAll('#devices tr')].map(r =>
                  [r.dataset.device, r.dataset.watts])),
              charts: Object.fromEntries([...document.querySelectorAll('.chart')].map(c =>
                  [c.id, {points: Number(c.dataset.points), paths: c.querySelectorAll('path.series').length}])),
              notes: [...document.querySelectorAll('#notes li')].map(l => l.textContent),
              status: document.getElementById('status').dataset.state,
              text: document.body.innerText,
              overflow: document.documentElement.scrollWidth - window.innerWidth
            })""";

    private static Path resource(String name) throws Exception {
        return Path.of(LivePageBrowserTest.class.getResource(name).toURI());
    }

    private static NvidiaSmiSource eightGpus() throws Exception {
        List<String> argv = List.of("sh", resource("/fake-nvidia-smi/fake-nvidia-smi.sh").toString(),
                "--capture", resource("/captures/nvidia-smi/" + H100).toString(), "--garbage-every", "4");
        return new NvidiaSmiSource(NvidiaSmiConfig.defaults(Map.of()).withCommand(argv)
                .withInterval(Duration.ofMillis(500)).withSelection(GpuSelection.all()));
    }

    private static Agent agent(TrainingLog log) throws Exception {
        Agent.Builder b = Agent.builder(E2eAgents.settings("page-run", Map.of())).powerSources(List.of(eightGpus()))
                .sampleInterval(Duration.ofSeconds(1)).clock(NanoClock.SYSTEM, InstantSource.system())
                .listen("127.0.0.1", 0);
        if (log != null) {
            TailProgressSource src = TailProgressSource.forLog(LogTailer.builder(log.file())
                    .pollInterval(Duration.ofMillis(100)), "megatron", FormatOptions.defaults(), NanoClock.SYSTEM);
            b.progress(src);
        }
        return b.start();
    }

    private static JsonNode page(Chromium c) throws Exception {
        return JSON.readTree(c.eval(READ_PAGE).asText());
    }

    private static JsonNode runJson(int port) throws Exception {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/run"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void pageShowsTheRunLiveAndEqualsTheRunApi(@TempDir Path tmp) throws Exception {
        TrainingLog log = new TrainingLog(tmp.resolve("train.log"), TrainingLog.Format.MEGATRON);
        log.append(3);
        ScheduledExecutorService trainer = Executors.newSingleThreadScheduledExecutor();
        try (Agent agent = agent(log); Chromium chrome = Chromium.start(tmp, 1280, 900)) {
            trainer.scheduleAtFixedRate(() -> log.append(2), 300, 300, TimeUnit.MILLISECONDS);
            chrome.navigate("http://127.0.0.1:" + agent.port() + "/");
            JsonNode first = Await.until("charts drawn", Duration.ofSeconds(60), () -> read(chrome),
                    p -> p.path("status").asText().equals("live") && p.at("/charts/chart-loss/points").asInt() >= 3
                            && p.at("/charts/chart-power/paths").asInt() == 8);
            Await.until("charts updated without a reload", Duration.ofSeconds(60), () -> read(chrome),
                    p -> p.at("/charts/chart-loss/points").asInt() > first.at("/charts/chart-loss/points").asInt()
                            && p.at("/charts/chart-bits/points").asInt() >= 2
                            && p.at("/charts/chart-jpb/paths").asInt() == 1
                            && p.at("/charts/chart-flux/paths").asInt() == 1
                            && !p.path("notes").toString().contains("waiting"));
            trainer.shutdownNow(); // the log stops growing: publications slow to one per sample, the page catches up
            // The same snapshot on both sides: read the page, then the API, until their sequence numbers agree.
            JsonNode[] seen = new JsonNode[2];
            Await.until("page and /api/v1/run at the same snapshot", Duration.ofSeconds(60), () -> {
                seen[0] = read(chrome);
                seen[1] = call(() -> runJson(agent.port()));
                return seen[0].path("sequence").asText().equals(seen[1].path("sequence").asText());
            });
            JsonNode shown = seen[0];
            JsonNode run = seen[1];
            assertThat(shown.path("waiting").asBoolean()).isFalse();
            CARDS.forEach((key, spec) -> {
                JsonNode card = shown.at("/cards/" + key);
                JsonNode api = run.at(spec[0]);
                assertThat(api.isNumber()).as(key + " in /api/v1/run (run with params, carbon, tokens)").isTrue();
                assertThat(Double.parseDouble(card.path("value").asText())).as(key + " data-value")
                        .isEqualTo(api.asDouble());
                String text = card.path("text").asText();
                assertThat(text).as(key + " text").endsWith(spec[1]);
                double read = SiText.parse(text, spec[1]);
                assertThat(read).as(key + " text '" + text + "' read back")
                        .isCloseTo(api.asDouble(), within(Math.abs(api.asDouble()) * 0.006));
            });
            assertThat(shown.path("devices").size()).isEqualTo(8);
            for (JsonNode d : run.path("devices")) {
                assertThat(Double.parseDouble(shown.at("/devices/" + d.path("device").asText()).asText()))
                        .as(d.path("device").asText() + " watts").isEqualTo(d.path("watts").asDouble());
            }
            assertThat(shown.path("text").asText()).doesNotContain("NaN").doesNotContain("undefined")
                    .doesNotContain("Infinity").contains("page-run").contains("initial-loss");
            assertThat(shown.path("notes").toString()).as("health in plain words").contains("nvidia-smi garbage");
            chrome.screenshot(Path.of("target", "live-page.png"));
            chrome.send("Emulation.setDeviceMetricsOverride", Map.of("width", 390, "height", 844,
                    "deviceScaleFactor", 2, "mobile", true));
            JsonNode phone = Await.until("phone layout redrawn", Duration.ofSeconds(20), () -> read(chrome),
                    p -> p.path("overflow").asInt() <= 0);
            assertThat(phone.path("overflow").asInt()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
            chrome.screenshot(Path.of("target", "live-page-phone.png"));
        } finally {
            trainer.shutdownNow();
        }
    }

    @Test
    void emptyRunSaysWaitingAndShowsNoNaN(@TempDir Path tmp) throws Exception {
        try (Agent agent = agent(null); Chromium chrome = Chromium.start(tmp, 1024, 800)) {
            chrome.navigate("http://127.0.0.1:" + agent.port() + "/");
            JsonNode p = Await.until("page live with power but no step", Duration.ofSeconds(60), () -> read(chrome),
                    s -> s.path("status").asText().equals("live") && s.at("/charts/chart-power/paths").asInt() == 8);
            assertThat(p.path("waiting").asBoolean()).isTrue();
            assertThat(p.path("text").asText()).contains("waiting for the first step").doesNotContain("NaN")
                    .doesNotContain("undefined").doesNotContain("Infinity");
            assertThat(p.at("/charts/chart-loss/points").asInt()).isZero();
            assertThat(p.at("/charts/chart-loss/paths").asInt()).isZero();
            assertThat(p.at("/cards/energy_per_bit_joules/text").asText()).isEqualTo("—");
            assertThat(p.at("/cards/carbon_grams/hidden").asBoolean()).as("carbon needs energy first").isFalse();
            chrome.screenshot(Path.of("target", "live-page-empty.png"));
        }
    }

    private static JsonNode read(Chromium c) { return call(() -> page(c)); }

    private interface Call<T> { T get() throws Exception; }

    private static <T> T call(Call<T> c) {
        try {
            return c.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception | AssertionError e) { // e.g. the page not loaded yet: Await tries again until its deadline
            throw new IllegalStateException(e);
        }
    }
}
