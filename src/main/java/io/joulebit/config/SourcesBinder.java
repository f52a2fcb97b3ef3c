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
        n.allowOnly("mode", "gpus", "simulated", "estimate", "rapl", "nvidia_smi", "nvml", "oshi", "amd",
                "intel");
        String mode = n.choice("mode", "auto", "auto", "explicit");
        List<String> gpus = n.strings("gpus", null);

        ConfigNode est = n.child("estimate");
        est.allowOnly("enabled", "idle_watts", "max_watts");
        Double idle = est.number("idle_watts", null, 0, 1e5);
        Double max = est.number("max_watts", null, 0, 1e5);
        if ((idle == null) != (max == null)) est.problem(idle == null ? "idle_watts" : "max_watts",
                "Set idle_watts and max_watts together, or neither (per-CPU defaults)");
        if (idle != null && max != null && max < idle) {
            est.problem("max_watts", "Expecting max_watts >= idle_watts. Found: " + max + " < " + idle);
        }

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
        ConfigNode amd = n.child("amd");
        amd.allowOnly("enabled", "sysfs_root");
        ConfigNode intel = n.child("intel");
        intel.allowOnly("enabled", "sysfs_root");

        AgentConfig.Simulated sim = simulated(n.child("simulated"));
        if (sim.enabled() && "auto".equals(mode)) {
            n.problem("simulated.enabled", "Simulated power is never chosen automatically: set sources.mode: explicit "
                    + "and disable the real sources you do not want");
        }
        return new AgentConfig.Sources(mode, gpus, sim,
                new AgentConfig.Estimate(est.bool("enabled", true), idle, max),
                new AgentConfig.Rapl(rapl.bool("enabled", true), Path.of(rapl.text("sysfs_root", "/sys"))),
                new AgentConfig.NvidiaSmi(smi.bool("enabled", true), cmd,
                        smi.duration("interval", Duration.ofSeconds(1))),
                new AgentConfig.Nvml(nvml.bool("enabled", true), nvml.text("library", "libnvidia-ml.so.1")),
                new AgentConfig.Toggle(oshi.bool("enabled", true)),
                new AgentConfig.GpuSysfs(amd.bool("enabled", true), Path.of(amd.text("sysfs_root", "/sys"))),
                new AgentConfig.GpuSysfs(intel.bool("enabled", true), Path.of(intel.text("sysfs_root", "/sys"))));
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
