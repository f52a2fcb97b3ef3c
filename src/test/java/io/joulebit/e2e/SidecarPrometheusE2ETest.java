package io.joulebit.e2e;

import io.joulebit.testing.Await;
import io.joulebit.agent.Agent;
import io.joulebit.e2e.PrometheusServer.Sample;
import io.joulebit.ops.DashboardQueries;
import io.joulebit.power.nvidiasmi.NvidiaSmiConfig;
import io.joulebit.power.nvidiasmi.NvidiaSmiSource;
import io.joulebit.thermo.Flag;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One sidecar agent (fake nvidia-smi streaming the 8×H100 capture, a Megatron log the test keeps appending to)
 * scraped by a real Prometheus running the shipped sidecar config and rules; every dashboard query must return data
 * and a diverging loss must fire the shipped LossDiverged alert. Megatron rather than JSON lines because its global
 * batch size is what the heat-capacity panel needs (the multi-node test follows a JSON-lines log).
 */
class SidecarPrometheusE2ETest {
    private static final Duration DEADLINE = Duration.ofSeconds(25);
    private static final String H100 = "/captures/nvidia-smi/linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv";
    private static final String RUN = "e2e-sidecar";
    /** Documented in DashboardQueries: empty on a healthy run (no flag set, no transition candidate yet). */
    private static final Set<String> MAY_BE_EMPTY = Set.of("Run flags", "annotation Transition candidates");

    @TempDir
    Path tmp;

    @Test
    void realPrometheusScrapesTheSidecarEvaluatesRulesDashboardsAndFiresAnAlert() throws Exception {
        TrainingLog log = new TrainingLog(tmp.resolve("train.log"), TrainingLog.Format.MEGATRON);
        log.append(3);
        NvidiaSmiSource smi = new NvidiaSmiSource(NvidiaSmiConfig.defaults(Map.of())
                .withCommand(List.of("sh", resource("/fake-nvidia-smi/fake-nvidia-smi.sh").toString(), "--capture",
                        resource(H100).toString(), "--garbage-every", "4")) // garbage feeds source_errors_total
                .withInterval(Duration.ofMillis(200)));
        ScheduledExecutorService trainer = Executors.newSingleThreadScheduledExecutor();
        try (Agent agent = E2eAgents.start(E2eAgents.settings(RUN, Map.of("team", "e2e")), List.of(smi),
                log.file(), "megatron", "127.0.0.1", NanoClock.SYSTEM);
             PrometheusServer prom = PrometheusServer.start(tmp.resolve("prometheus"),
                     PrometheusConfigs.sidecar(Files.createDirectories(tmp.resolve("config")),
                             "127.0.0.1:" + agent.port()))) {
            trainer.scheduleAtFixedRate(() -> log.append(1), 0, 150, TimeUnit.MILLISECONDS);

            List<Sample> up = Await.until("the agent is scraped", DEADLINE, () -> prom.query("up"), s -> !s.isEmpty());
            assertThat(up).singleElement().satisfies(s -> assertThat(s.value()).isEqualTo(1.0));

            List<Sample> gpus = Await.until("8 GPUs of nvidia-smi", DEADLINE,
                    () -> prom.query("joulebit_device_power_watts"), s -> s.size() == 8);
            assertThat(gpus).extracting(s -> s.label("device"))
                    .containsExactlyInAnyOrder("gpu0", "gpu1", "gpu2", "gpu3", "gpu4", "gpu5", "gpu6", "gpu7");
            assertThat(gpus).allSatisfy(s -> {
                assertThat(s.label("kind")).isEqualTo("gpu");
                assertThat(s.label("source")).isEqualTo("nvidia-smi");
                assertThat(s.label("instance")).isEqualTo("127.0.0.1:" + agent.port());
                assertThat(s.value()).isBetween(60.0, 700.0); // the capture's idle and loaded frames, in watts
            });

            for (String rule : List.of("joulebit:run_energy_per_bit_joules", "joulebit:run_energy_per_token_joules",
                    "joulebit:run_landauer_efficiency_ratio", "joulebit:run_negentropy_flux_bits_per_second:max",
                    "joulebit:run_energy_per_bit_threshold_joules", "joulebit:run_tokens_per_second:rate1m",
                    "joulebit:run_energy_per_structural_bit_joules")) {
                List<Sample> v = Await.until("recording rule " + rule, DEADLINE, () -> prom.query(rule),
                        s -> s.size() == 1);
                assertThat(v.get(0).label("run")).as(rule).isEqualTo(RUN);
                assertThat(v.get(0).value()).as(rule).isFinite().isNotZero();
            }
            double perBit = prom.query("joulebit:run_energy_per_bit_joules").get(0).value();
            assertThat(perBit).as("J/bit of 8 GPUs on a small model").isBetween(1e-12, 1.0);
            // rate() of joules is watts: 8 H100s between idle (~70 W) and load (~650 W) each. The rule's 1m window is
            // not full yet (rate divides by the window), so it is only checked for presence; a 4 s rate for the value.
            Await.until("run power rule", DEADLINE, () -> prom.query("joulebit:run_power_watts:rate1m"),
                    s -> s.size() == 1 && s.get(0).value() > 0);
            List<Sample> power = Await.until("run power from the energy counter", DEADLINE,
                    () -> prom.query("sum(rate(joulebit_run_energy_joules_total[4s]))"),
                    s -> s.size() == 1 && s.get(0).value() > 0);
            assertThat(power.get(0).value()).isBetween(8 * 60.0, 8 * 700.0);
            assertThat(Await.until("per-device power rule", DEADLINE,
                    () -> prom.query("joulebit:device_power_watts:rate1m"), s -> s.size() == 8)).hasSize(8);

            Path dashboard = PrometheusConfigs.root().resolve("dashboards/joulebit-overview.json");
            List<DashboardQueries.Query> queries = DashboardQueries.queries(dashboard);
            assertThat(queries).hasSizeGreaterThan(20);
            List<DashboardQueries.Query> withVariables = new ArrayList<>(queries);
            withVariables.addAll(DashboardQueries.variableSelectors(dashboard)); // $run, $instance, $device lists
            Await.until("every dashboard query returns data", DEADLINE,
                    () -> withVariables.stream().filter(q -> !MAY_BE_EMPTY.contains(q.where().replaceAll(" [A-Z]$", "")))
                            .filter(q -> prom.query(q.expr()).isEmpty()).map(DashboardQueries.Query::where).toList(),
                    List::isEmpty);

            // The scenario: the loss turns NaN 5 times in a row, so the run is flagged diverged and the alert fires.
            assertThat(prom.query("ALERTS{alertname=\"LossDiverged\"}")).as("not before the loss diverges").isEmpty();
            trainer.shutdownNow();
            assertThat(trainer.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
            log.appendNaN(5);
            Await.until("the agent flags the run diverged", DEADLINE,
                    () -> agent.latest().flags().contains(Flag.DIVERGED));
            List<Sample> alert = Await.until("LossDiverged firing", DEADLINE,
                    () -> prom.query("ALERTS{alertname=\"LossDiverged\",alertstate=\"firing\"}"), s -> !s.isEmpty());
            assertThat(alert).singleElement().satisfies(s -> {
                assertThat(s.label("run")).isEqualTo(RUN);
                assertThat(s.label("severity")).isEqualTo("critical");
            });
            assertThat(prom.query(queries.stream().filter(q -> q.where().startsWith("Run flags")).findFirst()
                    .orElseThrow().expr())).extracting(s -> s.label("flag")).contains("diverged");
        } finally {
            trainer.shutdownNow();
        }
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SidecarPrometheusE2ETest.class.getResource(name).toURI());
    }
}
