package io.joulebit.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.joulebit.agent.Agent;
import io.joulebit.e2e.PrometheusServer.Sample;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.simulated.SimulatedDevice;
import io.joulebit.power.simulated.SimulatedSource;
import io.joulebit.run.RunSnapshot;
import io.joulebit.testing.Await;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A three-node run: one agent per node under the same run id, scraped by one Prometheus running the shipped
 * prometheus.nodes.yml (whose relabelling turns each target's host into its instance and node labels; the nodes are
 * 127.0.0.1-3, all loopback). Only node 1 follows the JSON-lines training log; nodes 2 and 3 only measure power.
 * The run-level energy-per-bit rules (IC-1 bits and structural bits) must be the energy of ALL three nodes over node
 * 1's bits.
 * <p>
 * The agents' power runs on a manual clock that the test advances and then stops, so every energy counter holds
 * still and the agents' own snapshots give the exact expected value while Prometheus catches up.
 */
class MultiNodePrometheusE2ETest {
    private static final Duration DEADLINE = Duration.ofSeconds(25);
    private static final String RUN = "e2e-multinode";
    private static final List<String> HOSTS = List.of("127.0.0.1", "127.0.0.2", "127.0.0.3");

    @TempDir
    Path tmp;

    @Test
    void runEnergyPerBitSumsEnergyOfEveryNodeOverTheBitsOfTheOneThatSeesTheLoss() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000_000L);
        TrainingLog log = new TrainingLog(tmp.resolve("metrics.jsonl"), TrainingLog.Format.JSONL);
        log.append(120); // enough steps for structural information S > 0 (the smoothed loss lags early on)
        List<List<SimulatedDevice>> devices = List.of(
                List.of(SimulatedDevice.of("gpu0", DeviceKind.GPU, 300, 1), SimulatedDevice.of("cpu0", DeviceKind.CPU, 80, 2)),
                List.of(SimulatedDevice.of("gpu0", DeviceKind.GPU, 500, 3), SimulatedDevice.of("gpu1", DeviceKind.GPU, 500, 4)),
                List.of(SimulatedDevice.of("gpu0", DeviceKind.GPU, 700, 5)));
        List<Agent> agents = new ArrayList<>();
        try {
            for (int i = 0; i < HOSTS.size(); i++) {
                agents.add(E2eAgents.start(E2eAgents.settings(RUN, Map.of()),
                        List.of(new SimulatedSource(devices.get(i), clock, false)), i == 0 ? log.file() : null,
                        "jsonl", HOSTS.get(i), clock));
            }
            Await.until("node 1 read the log", DEADLINE, () -> agents.get(0).latest().progress().trainSteps() == 120);
            // Every node must hold a reading at the start time before the clock moves: a node whose first sample
            // came after the first advance would see every later sample at that same instant and integrate nothing.
            Await.until("every node sampled at the start time", DEADLINE,
                    () -> agents.stream().allMatch(a -> a.latest().devices().size() == 2 || a == agents.get(2)
                            && a.latest().devices().size() == 1));
            for (int second = 0; second < 10; second++) {
                double[] before = agents.stream().mapToDouble(a -> a.latest().itEnergyJoules()).toArray();
                clock.advance(Duration.ofSeconds(1));
                int sec = second;
                Await.until("every node sampled at the new time (second " + sec + ", clock " + clock.nanoTime()
                                + ", before " + Arrays.toString(before) + ")", DEADLINE,
                        () -> agents.stream().map(a -> a.latest().sequence() + ":" + a.latest().itEnergyJoules() + ":"
                                + a.latest().devices() + ":" + a.latest().sources()).toList(),
                        seen -> {
                            for (int i = 0; i < agents.size(); i++) {
                                if (!(agents.get(i).latest().itEnergyJoules() > before[i])) return false;
                            }
                            return true;
                        });

            }
            // The clock stands still from here: samples repeat their timestamp and are ignored, energy is final.
            List<RunSnapshot> snaps = agents.stream().map(Agent::latest).toList();
            double energy = snaps.stream().mapToDouble(s -> s.figures().energyJoules().value()).sum();
            assertThat(snaps.get(0).figures().netInformationBits().present()).isTrue();
            double bits = snaps.get(0).figures().netInformationBits().value();
            assertThat(bits).isPositive();
            assertThat(snaps.subList(1, 3)).allSatisfy(s -> assertThat(s.figures().netInformationBits().present())
                    .as("nodes without the log have no bits").isFalse());
            double expected = energy / bits;
            double node1Only = snaps.get(0).figures().energyJoules().value() / bits;
            assertThat(Math.abs(node1Only / expected - 1)).as("the setup tells sum from one node").isGreaterThan(0.5);

            List<String> targets = new ArrayList<>();
            for (int i = 0; i < HOSTS.size(); i++) targets.add(HOSTS.get(i) + ":" + agents.get(i).port());
            try (PrometheusServer prom = PrometheusServer.start(tmp.resolve("prometheus"),
                    PrometheusConfigs.nodes(Files.createDirectories(tmp.resolve("config")), targets))) {
                List<Sample> perBit = Await.until("joulebit:run_energy_per_bit_joules = " + expected + " ±1%",
                        DEADLINE, () -> prom.query("joulebit:run_energy_per_bit_joules"),
                        s -> s.size() == 1 && Math.abs(s.get(0).value() / expected - 1) < 0.01);
                assertThat(perBit.get(0).label("run")).isEqualTo(RUN);
                // The same for J per structural bit: all nodes' energy over node 1's S (PHYSICS.md §2).
                double structural = snaps.get(0).figures().structuralInformationBits().value();
                assertThat(structural).as("S of a falling loss curve").isPositive();
                double expectedPerStructural = energy / structural;
                List<Sample> perStructural = Await.until("joulebit:run_energy_per_structural_bit_joules = "
                                + expectedPerStructural + " ±1%", DEADLINE,
                        () -> prom.query("joulebit:run_energy_per_structural_bit_joules"),
                        s -> s.size() == 1 && Math.abs(s.get(0).value() / expectedPerStructural - 1) < 0.01);
                assertThat(perStructural.get(0).label("run")).isEqualTo(RUN);

                List<Sample> energies = prom.query("joulebit_run_energy_joules_total");
                assertThat(energies).extracting(s -> s.label("node")).containsExactlyInAnyOrderElementsOf(HOSTS);
                assertThat(energies).extracting(s -> s.label("instance")).containsExactlyInAnyOrderElementsOf(HOSTS);
                assertThat(energies).allSatisfy(s -> assertThat(s.label("cluster")).isEqualTo("training-a"));
                assertThat(energies.stream().mapToDouble(Sample::value).sum()).isCloseTo(energy, within(energy * 1e-9));
                assertThat(prom.query("joulebit_information_bits")).singleElement()
                        .satisfies(s -> assertThat(s.label("node")).isEqualTo("127.0.0.1"));
                assertThat(prom.query("joulebit:run_energy_joules:sum")).singleElement()
                        .satisfies(s -> assertThat(s.value()).isCloseTo(energy, within(energy * 1e-9)));
                assertThat(prom.query("count(joulebit_device_power_watts)")).singleElement()
                        .satisfies(s -> assertThat(s.value()).isEqualTo(5.0));
            }
        } finally {
            agents.forEach(Agent::close);
        }
    }
}
