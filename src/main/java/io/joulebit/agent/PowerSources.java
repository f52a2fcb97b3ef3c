package io.joulebit.agent;

import io.joulebit.config.AgentConfig;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSource;
import io.joulebit.power.amd.AmdGpuSource;
import io.joulebit.power.estimate.CpuPowerModel;
import io.joulebit.power.intel.IntelGpuSource;
import io.joulebit.power.rapl.SysfsReader;
import io.joulebit.power.estimate.EstimateSource;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.power.nvidiasmi.NvidiaSmiConfig;
import io.joulebit.power.nvidiasmi.NvidiaSmiSource;
import io.joulebit.power.nvml.JnaNvmlApi;
import io.joulebit.power.nvml.NvmlSource;
import io.joulebit.power.oshi.OshiCpuReader;
import io.joulebit.power.oshi.OshiCpuSource;
import io.joulebit.power.oshi.OshiGpuSource;
import io.joulebit.power.rapl.RaplSource;
import io.joulebit.power.select.Selection;
import io.joulebit.power.select.SelectionPolicy;
import io.joulebit.power.select.SourceSelector;
import io.joulebit.power.simulated.SimulatedDevice;
import io.joulebit.power.simulated.SimulatedSource;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the enabled power sources from config (one switch each) and picks per device the best working one. */
public final class PowerSources {
    private static final Logger LOG = LoggerFactory.getLogger(PowerSources.class);
    private PowerSources() {}

    /** Every enabled candidate, GPU first then host; unprobed. */
    public static List<PowerSource> candidates(AgentConfig.Sources c, Map<String, String> env, NanoClock clock) {
        GpuSelection gpus = c.gpus() == null ? GpuSelection.fromEnvironment(env) : GpuSelection.of(c.gpus());
        List<PowerSource> out = new ArrayList<>();
        if (c.nvml().enabled()) {
            String lib = c.nvml().library();
            out.add(new NvmlSource(() -> JnaNvmlApi.load(lib), gpus, clock));
        }
        if (c.amd().enabled()) {
            out.add(new AmdGpuSource(c.amd().sysfsRoot(), SysfsReader.FILES, env, clock));
        }
        if (c.intel().enabled()) {
            out.add(new IntelGpuSource(c.intel().sysfsRoot(), SysfsReader.FILES, env, clock));
        }
        if (c.nvidiaSmi().enabled()) {
            out.add(new NvidiaSmiSource(NvidiaSmiConfig.defaults(env).withCommand(c.nvidiaSmi().command())
                    .withInterval(c.nvidiaSmi().interval()).withSelection(gpus)));
        }
        if (c.oshi().enabled()) out.add(OshiGpuSource.system());
        if (c.rapl().enabled()) out.add(new RaplSource(c.rapl().sysfsRoot(), clock));
        if (c.estimate().enabled()) {
            // Estimate and the oshi CPU source each need their own reader: a read moves the tick baseline.
            OshiCpuReader reader = OshiCpuReader.system();
            CpuPowerModel model = c.estimate().idleWatts() == null
                    ? CpuPowerModel.forLogicalCpus(reader.logicalCpus())
                    : new CpuPowerModel(c.estimate().idleWatts(), c.estimate().maxWatts());
            out.add(new EstimateSource(reader, model, clock));
        }
        if (c.oshi().enabled()) out.add(OshiCpuSource.system(clock));
        if (c.simulated().enabled()) out.add(simulated(c.simulated(), clock));
        return out;
    }

    /**
     * The one call that chooses the power sources of a run (sidecar, embedded agent, demo): every enabled candidate
     * probed, per device the best working one kept (logged), the rest closed.
     */
    public static Selection choose(AgentConfig.Sources c, Map<String, String> env, NanoClock clock) {
        Selection sel = select(c, candidates(c, env, clock));
        sel.reports().stream().filter(r -> r.chosen())
                .forEach(r -> LOG.info("power source {} for {}", r.name(), r.chosenDevices()));
        return sel;
    }

    /** Probes the candidates and keeps per device the best working one; unused ones are closed. */
    public static Selection select(AgentConfig.Sources c, List<PowerSource> candidates) {
        List<String> explicit = new ArrayList<>();
        candidates.forEach(s -> { if (!explicit.contains(s.name())) explicit.add(s.name()); });
        SelectionPolicy policy = "explicit".equals(c.mode()) ? SelectionPolicy.explicit(explicit)
                : SelectionPolicy.auto();
        Selection sel = new SourceSelector(policy).select(candidates);
        sel.unused().forEach(PowerSource::close);
        return sel;
    }

    private static SimulatedSource simulated(AgentConfig.Simulated s, NanoClock clock) {
        List<SimulatedDevice> devices = new ArrayList<>();
        long seed = s.seed();
        for (AgentConfig.SimulatedDevice d : s.devices()) {
            DeviceKind kind = DeviceKind.valueOf(d.kind().toUpperCase(Locale.ROOT));
            devices.add(new SimulatedDevice(d.name(), kind, d.watts(), d.watts() * 0.10, 60.0, d.noiseWatts(), seed++));
        }
        return new SimulatedSource(devices, clock, false);
    }
}
