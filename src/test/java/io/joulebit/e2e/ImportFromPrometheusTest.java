package io.joulebit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.cli.Main;
import io.joulebit.ops.PromtoolPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * `joulebit import` against a real Prometheus serving history backfilled by promtool from OpenMetrics in the shapes of
 * dcgm-exporter, Kepler and node_exporter, with a counter reset (a driver reload) and a scrape gap inside the run:
 * the audit's energy is within 0.5 % of the series' energy over the window, and bad input exits 2 writing no run.
 */
class ImportFromPrometheusTest {
    static final double RUN = 3600;
    @TempDir
    static Path dir;
    static PrometheusServer prom;
    static double t0;
    static double from;
    static double to;
    static Path log;

    @BeforeAll
    static void backfill() throws Exception {
        double now = System.currentTimeMillis() / 1000.0;
        t0 = Math.floor((now - 6 * 3600) / 900) * 900; // whole hours in the past, on the scrape grid
        from = t0 + 600;
        to = from + RUN;
        ExporterHistory h = new ExporterHistory(t0, to + 600);
        String gpu0 = "gpu=\"0\",UUID=\"GPU-5f4c1a2e-0\",device=\"nvidia0\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"node1\",DCGM_FI_DRIVER_VERSION=\"550.54.15\",instance=\"node1:9400\",job=\"dcgm\"";
        String gpu1 = gpu0.replace("gpu=\"0\"", "gpu=\"1\"").replace("-0\"", "-1\"").replace("nvidia0", "nvidia1");
        String other = gpu0.replace("node1", "node2");
        h.type("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", "gauge");
        h.counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu0, 300, 1000, Double.NaN, from + 1200, from + 1560);
        h.counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", gpu1, 340, 1000, from + 1807.5, 0, 0);
        h.counter("DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION", other, 999, 1000, Double.NaN, 0, 0);
        h.type("DCGM_FI_DEV_POWER_USAGE", "gauge");
        h.gauge("DCGM_FI_DEV_POWER_USAGE", gpu0, 300);
        h.gauge("DCGM_FI_DEV_POWER_USAGE", gpu1, 340);
        h.type("kepler_node_cpu_joules", "counter");
        String kz = "node_name=\"node1\",instance=\"node1:28282\",job=\"kepler\",zone=";
        h.counter("kepler_node_cpu_joules_total", kz + "\"package\",path=\"/sys/class/powercap/intel-rapl:0\"", 150, 1, Double.NaN, 0, 0);
        h.counter("kepler_node_cpu_joules_total", kz + "\"core\",path=\"/sys/class/powercap/intel-rapl:0:0\"", 90, 1, Double.NaN, 0, 0);
        h.counter("kepler_node_cpu_joules_total", kz + "\"dram\",path=\"/sys/class/powercap/intel-rapl:0:2\"", 60, 1, Double.NaN, 0, 0);
        String rapl = "instance=\"node1:9100\",job=\"node\",index=\"0\",path=\"/sys/class/powercap/intel-rapl:0";
        h.type("node_rapl_package_joules", "counter");
        h.counter("node_rapl_package_joules_total", rapl + "\"", 150, 1, from + 2400.5, 0, 0);
        h.type("node_rapl_dram_joules", "counter");
        h.counter("node_rapl_dram_joules_total", rapl + ":2\"", 60, 1, Double.NaN, 0, 0);
        Path om = Files.writeString(dir.resolve("history.om"), h.text());
        Path tsdb = Files.createDirectories(dir.resolve("tsdb"));
        run(List.of(PromtoolPath.get().toString(), "tsdb", "create-blocks-from", "openmetrics", om.toString(), tsdb.toString()));
        Path config = Files.writeString(dir.resolve("prometheus.yml"), "global:\n  scrape_interval: 15s\n");
        prom = PrometheusServer.start(dir, config, tsdb);
        log = Files.writeString(dir.resolve("train.out"), megatronLog(120));
    }

    @AfterAll
    static void stop() { if (prom != null) prom.close(); }

    @Test
    void dcgmImportAuditsTheWindowsEnergyWithinHalfAPercent() throws Exception {
        JsonNode report = importAndAudit("dcgm-run", "dcgm", "{Hostname=\"node1\"}");
        // As the live agent: gpu0's 6-minute scrape gap (last scrape at from+1185 s, next at from+1560 s) and gpu1's
        // reset interval (from+1800..from+1815 s) are uncovered time, not energy
        double expected = between(300, from, to) - between(300, from + 1185, from + 1560)
                + between(340, from, to) - between(340, from + 1800, from + 1815);
        double energy = report.at("/figures/energy_joules/value").asDouble();
        assertThat(energy).isCloseTo(expected, within(expected * 0.005));
        assertThat(imported).contains("uncovered 375 s").contains("uncovered 15 s");
        // the same J/bit as the live agent: E over the bits the same steps carry
        double bits = report.at("/figures/information_bits/value").asDouble();
        assertThat(report.at("/figures/energy_per_bit_joules/value").asDouble())
                .isCloseTo(energy / bits, within(energy / bits * 1e-9));
        assertThat(runsJson()).contains("\"origin\" : \"imported\"");
        assertThat(Files.readString(dir.resolve("audit-dcgm-run").resolve("report.md")))
                .contains("Imported run: energy from http://127.0.0.1").contains("(dcgm), window from --from/--to")
                .contains("steps are placed evenly");
    }

    @Test
    void keplerImportCountsPackageAndDramNotTheCoreInsidePackage() throws Exception {
        JsonNode report = importAndAudit("kepler-run", "kepler", "");
        double expected = between(150, from, to) + between(60, from, to);
        assertThat(report.at("/figures/energy_joules/value").asDouble()).isCloseTo(expected, within(expected * 0.005));
    }

    @Test
    void nodeRaplImportSurvivesACounterReset() throws Exception {
        JsonNode report = importAndAudit("rapl-run", "node-rapl", "{instance=\"node1:9100\"}");
        double expected = between(150, from, to) + between(60, from, to);
        assertThat(report.at("/figures/energy_joules/value").asDouble()).isCloseTo(expected, within(expected * 0.005));
    }

    @Test
    void auditComparesImportedRunsSideBySide() throws Exception {
        Path store = dir.resolve("both.db");
        for (String[] r : new String[][]{{"gpus", "dcgm", "{Hostname=\"node1\"}"}, {"cpus", "kepler", ""}}) {
            Cli imp = cli(new String[]{"import", "--log", log.toString(), "--prometheus", prom.base().toString(),
                    "--energy", r[1], "--selector", r[2], "--from", fmt(from), "--to", fmt(to), "--run-id", r[0],
                    "--params", "124e6", "--store", store.toString()});
            assertThat(imp.code).as(imp.err).isZero();
        }
        Path out = dir.resolve("compare");
        Cli audit = cli(new String[]{"audit", "--run", "gpus", "--run", "cpus", "--store", store.toString(), "--out",
                out.toString()});
        assertThat(audit.code).as(audit.err).isZero();
        JsonNode c = new ObjectMapper().readTree(out.resolve("compare.json").toFile());
        assertThat(c.at("/runs").size()).isEqualTo(2);
        JsonNode gpus = c.at("/runs/0");
        JsonNode cpus = c.at("/runs/1");
        // the same log: the same loss at equal tokens; the energy to reach the common loss scales with the power
        assertThat(gpus.at("/loss_bits_at_equal_tokens").asDouble())
                .isCloseTo(cpus.at("/loss_bits_at_equal_tokens").asDouble(), within(1e-9));
        double ratio = gpus.at("/energy_joules_to_common_loss").asDouble() / cpus.at("/energy_joules_to_common_loss").asDouble();
        assertThat(ratio).isCloseTo(gpus.at("/energy_joules").asDouble() / cpus.at("/energy_joules").asDouble(), within(0.05));
        for (String f : new String[]{"/energy_per_bit_joules", "/energy_per_token_joules", "/landauer_efficiency_ratio"}) {
            assertThat(gpus.at(f).asDouble()).as(f).isPositive();
        }
        assertThat(Files.readString(out.resolve("compare.html"))).contains("<svg").contains("gpus").contains("cpus");
        assertThat(Files.readString(out.resolve("compare.md"))).contains("| gpus | imported |");
        Cli dup = cli(new String[]{"import", "--log", log.toString(), "--prometheus", prom.base().toString(), "--energy",
                "kepler", "--from", fmt(from), "--to", fmt(to), "--run-id", "cpus", "--store", store.toString()});
        assertThat(dup.code).isEqualTo(2);
        assertThat(dup.err).contains("already holds a run");
    }

    @Test
    void badInputExitsTwoAndWritesNoRun() throws Exception {
        Path store = dir.resolve("bad.db");
        String url = prom.base().toString();
        String[] window = {"--from", fmt(from), "--to", fmt(to), "--store", store.toString()};
        Cli noSeries = cli(concat(new String[]{"import", "--log", log.toString(), "--prometheus", url, "--energy", "dcgm",
                "--selector", "{Hostname=\"node9\"}", "--run-id", "x"}, window));
        assertThat(noSeries.code).isEqualTo(2);
        assertThat(noSeries.err).contains("no series").contains("Hostname=\"node1\"");
        Cli unreachable = cli(concat(new String[]{"import", "--log", log.toString(), "--prometheus", "http://127.0.0.1:1",
                "--energy", "dcgm", "--run-id", "x", "--timeout", "1"}, window));
        assertThat(unreachable.code).isEqualTo(2);
        assertThat(unreachable.err).contains("unreachable");
        Path notALog = Files.writeString(dir.resolve("pip.log"), "Collecting numpy\n  Downloading numpy-2.1.0.whl\n");
        Cli unknown = cli(concat(new String[]{"import", "--log", notALog.toString(), "--prometheus", url, "--energy",
                "dcgm", "--run-id", "x"}, window));
        assertThat(unknown.code).isEqualTo(2);
        assertThat(unknown.err).contains("could not detect the format");
        Cli noEnergyInWindow = cli(new String[]{"import", "--log", log.toString(), "--prometheus", url, "--energy", "dcgm",
                "--run-id", "x", "--from", fmt(t0 - 86400), "--to", fmt(t0 - 80000), "--store", store.toString()});
        assertThat(noEnergyInWindow.code).isEqualTo(2);
        assertThat(Files.exists(store)).as("no run written").isFalse();
    }

    private static String imported = "";

    private JsonNode importAndAudit(String id, String energy, String selector) throws Exception {
        Path store = dir.resolve(id + ".db");
        Cli imp = cli(new String[]{"import", "--log", log.toString(), "--prometheus", prom.base().toString(), "--energy",
                energy, "--selector", selector, "--from", fmt(from), "--to", fmt(to), "--run-id", id, "--params", "124e6",
                "--store", store.toString()});
        assertThat(imp.code).as(imp.err + imp.out).isZero();
        imported = imp.out;
        Path out = dir.resolve("audit-" + id);
        Cli audit = cli(new String[]{"audit", "--run", id, "--store", store.toString(), "--out", out.toString()});
        assertThat(audit.code).as(audit.err).isZero();
        lastStore = store;
        return new ObjectMapper().readTree(out.resolve("report.json").toFile());
    }

    private static Path lastStore;

    private static String runsJson() {
        return cli(new String[]{"runs", "--store", lastStore.toString(), "--format", "json"}).out;
    }

    record Cli(int code, String out, String err) {}

    static Cli cli(String[] args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.execute(new PrintWriter(o), new PrintWriter(e), args);
        return new Cli(code, o.toString(), e.toString());
    }

    static String[] concat(String[] a, String[] b) {
        List<String> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray(String[]::new);
    }

    /** The energy (J) a device of this base power drew from a to b (epoch seconds), by the writer's own formula. */
    static double between(double base, double a, double b) {
        return ExporterHistory.joules(base, t0, b) - ExporterHistory.joules(base, t0, a);
    }

    static String fmt(double epochSeconds) { return String.format(Locale.ROOT, "%.0f", epochSeconds); }

    /** A Megatron-DeepSpeed log (its `iteration … | lm loss: …` line) with a prelude and a falling loss. */
    static String megatronLog(int iterations) {
        StringBuilder sb = new StringBuilder("using world size: 8, data-parallel size: 8\n> building GPT2BPETokenizer ...\n");
        for (int i = 1; i <= iterations; i++) {
            double loss = 2.5 + 8.3 * Math.exp(-i / 30.0);
            sb.append(String.format(Locale.ROOT, "0: iteration %8d/%8d | consumed samples: %12d | consumed tokens: %12d | "
                    + "elapsed time per iteration (ms): 30000.0 | learning rate: 3.000E-04 | global batch size:   512 | "
                    + "lm loss: %.6E | loss scale: 4096.0 | grad norm: 1.000 | actual seqlen:  2048 | number of skipped "
                    + "iterations:   0 | number of nan iterations:   0 | samples per second: 17.1 | TFLOPs: 140.12 |%n",
                    i, iterations, 512L * i, 512L * 2048 * i, loss));
        }
        return sb.toString();
    }

    private static void run(List<String> argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", argv) + "\n" + text).isZero();
    }
}
