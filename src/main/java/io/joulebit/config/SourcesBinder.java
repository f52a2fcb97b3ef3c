package io.joulebit.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The `sources:` section: one switch per power source (STYLE.md rule 1). */
final class SourcesBinder {
    private SourcesBinder() {}

    static AgentConfig.Sources sources(ConfigNode n) {
        n.allowOnly("mode", "gpus", "simulated", "estimate", "rapl", "nvidia_smi", "nvml", "oshi");
        String mode = n.choice("mode", "auto", "auto", "explicit");
        List<String> gpus = n.strings("gpus", null);

        ConfigNode est = n.child("estimate");
        est.allowOnly("enabled", "idle_watts", "max_watts");
        double idle = est.number("idle_watts", 10.0, 0, 1e5);
        double max = est.number("max_watts", 65.0, 0, 1e5);
        if (max < idle) est.problem("max_watts", "Expecting max_watts >= idle_watts. Found: " + max + " < " + idle);

        ConfigNode rapl = n.child("rapl");
        rapl.allowOnly("enabled", "sysfs_root");
        ConfigNode smi = n.child("nvidia_smi");
        smi.allowOnly("enabled", "command", "interval");
        List<String> cmd = smi.strings("command", List.of("nvidia-smi"));
        if (cmd.isEmpty()) smi.problem("command", "Expecting a non-empty argv list");
        ConfigNode nvml = n.child("nvml");
        nvml.allowOnly("enabled", "library");
        ConfigNode oshi = n.child("oshi");
        oshi.allowOnly("enabled");

        return new AgentConfig.Sources(mode, gpus, simulated(n.child("simulated")),
                new AgentConfig.Estimate(est.bool("enabled", true), idle, max),
                new AgentConfig.Rapl(rapl.bool("enabled", true), Path.of(rapl.text("sysfs_root", "/sys"))),
                new AgentConfig.NvidiaSmi(smi.bool("enabled", true), cmd,
                        smi.duration("interval", Duration.ofSeconds(1))),
                new AgentConfig.Nvml(nvml.bool("enabled", true), nvml.text("library", "nvidia-ml")),
                new AgentConfig.Toggle(oshi.bool("enabled", true)));
    }

    private static AgentConfig.Simulated simulated(ConfigNode n) {
        n.allowOnly("enabled", "seed", "devices");
        List<AgentConfig.SimulatedDevice> devices = new ArrayList<>();
        JsonNode list = n.raw("devices");
        if (list != null && !list.isNull() && !list.isArray()) n.problem("devices", "Expecting a list");
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                ConfigNode d = new ConfigNode(list.get(i), n.at("devices[" + i + "]"), problemsOf(n));
                d.allowOnly("name", "kind", "watts", "noise_watts");
                String name = d.text("name", null);
                if (name == null || name.isBlank()) d.problem("name", "Required");
                devices.add(new AgentConfig.SimulatedDevice(name, d.choice("kind", "gpu", "gpu", "cpu", "dram",
                        "system"), d.number("watts", 300.0, 0, 1e5), d.number("noise_watts", 0.0, 0, 1e5)));
            }
        }
        if (devices.isEmpty()) {
            devices.add(new AgentConfig.SimulatedDevice("gpu0", "gpu", 300, 15));
        }
        return new AgentConfig.Simulated(n.bool("enabled", false), n.integer("seed", 42L, 0), List.copyOf(devices));
    }

    private static List<String> problemsOf(ConfigNode n) { return n.problems(); }
}
