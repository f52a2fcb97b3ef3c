package io.joulebit.power.nvml;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import io.joulebit.power.Availability;
import io.joulebit.power.DeviceExtras;
import io.joulebit.power.DeviceMethod;
import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.RawCounter;
import io.joulebit.power.PowerSource;
import io.joulebit.power.SourceException;
import io.joulebit.power.gpu.GpuInfo;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.time.NanoClock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPU energy and power through NVML (source label "nvml"). The total-energy counter (mJ → J, Volta+) is reported as
 * PowerSample.energyJoules with no wrap range: it does not wrap, so a decrease means the driver was reloaded (counted
 * as "counter_reset"; the ledger re-baselines). NOT_SUPPORTED readings are absent, never 0.
 */
public final class NvmlSource implements PowerSource {
    public static final String NAME = "nvml";
    private static final Logger LOG = LoggerFactory.getLogger(NvmlSource.class);
    /** A throttle reason read once is not stretched over a gap longer than this. */
    private static final long MAX_THROTTLE_INTERVAL = 10_000_000_000L;

    /** Produces a bound NvmlApi or says why not (e.g. {@code JnaNvmlApi::load}). */
    @FunctionalInterface
    public interface Loader {
        NvmlApi load() throws NvmlException;
    }

    private final Loader loader;
    private final GpuSelection selection;
    private final NanoClock clock;
    private final HealthLog health = new HealthLog(LOG);
    private final Map<String, Long> lastEnergyMj = new HashMap<>();
    private final Map<String, String> counterMissing = new HashMap<>(); // device -> why its counter is not read
    private final Map<String, ClockEvents> clockEvents = new HashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet(); // opened GPUs whose reads fail
    private volatile Map<String, DeviceExtras> extras = Map.of();
    private NvmlApi api;
    private boolean initialised;
    private NvmlDevices found = NvmlDevices.NONE;

    public NvmlSource(Loader loader, GpuSelection selection, NanoClock clock) {
        this.loader = loader;
        this.selection = selection;
        this.clock = clock;
    }

    /** libnvidia-ml.so.1 via JNA, GPUs by CUDA_VISIBLE_DEVICES of {@code env}. */
    public static NvmlSource system(Map<String, String> env) {
        return new NvmlSource(JnaNvmlApi::load, GpuSelection.fromEnvironment(env), NanoClock.SYSTEM);
    }

    @Override public String name() { return NAME; }

    @Override
    public synchronized Availability probe() {
        try {
            open();
        } catch (NvmlException e) {
            return Availability.unavailable("NVML unavailable: " + e.getMessage());
        }
        String skipped = found.skipped().stream().map(k -> "; " + k.device() + " skipped: NVML: " + k.code())
                .reduce("", String::concat);
        if (found.gpus().isEmpty()) {
            return Availability.unavailable("NVML sees no GPU selected by " + selection + skipped);
        }
        boolean counter = false;
        for (NvmlDevices.Gpu g : found.gpus()) {
            try {
                api.totalEnergyConsumptionMillijoules(g.handle());
                counter = true;
                counterMissing.remove(g.info().device());
            } catch (NvmlException e) {
                counterMissing.put(g.info().device(), "NVML energy counter: " + NvmlReturn.name(e.code())
                        + (e.notSupported() ? " (before Volta)" : ""));
            }
        }
        String where = found.driverVersion().isEmpty() && found.libraryPath().isEmpty() ? ""
                : " (driver " + (found.driverVersion().isEmpty() ? "?" : found.driverVersion())
                + (found.libraryPath().isEmpty() ? "" : ", " + found.libraryPath()) + ")";
        return Availability.available(found.gpus().size() + " GPUs via NVML" + (counter ? ", energy counter"
                : ", power only") + where + skipped, found.gpus().stream().map(g -> g.info().device()).toList());
    }

    /** The driver version and library path NVML reported at the last initialisation (empty until then). */
    public synchronized String driverVersion() { return found.driverVersion(); }

    public synchronized String libraryPath() { return found.libraryPath(); }

    @Override
    public synchronized List<DeviceMethod> methods() {
        List<DeviceMethod> out = new ArrayList<>();
        for (NvmlDevices.Gpu g : found.gpus()) {
            String why = counterMissing.get(g.info().device());
            out.add(new DeviceMethod(g.info().device(), why == null ? "counter" : "integrated", why));
        }
        found.skipped().forEach(k -> out.add(new DeviceMethod(k.device(), "skipped", "NVML: " + k.code())));
        return out;
    }

    /** Read without the sampling lock: a sampling thread hung in NVML must not hang the health report. */
    @Override
    public Map<String, DeviceExtras> deviceExtras() { return extras; }

    private void publishExtras() {
        Map<String, DeviceExtras> out = new TreeMap<>();
        for (NvmlDevices.Gpu g : found.gpus()) {
            String d = g.info().device();
            ClockEvents c = clockEvents.get(d);
            out.put(d, new DeviceExtras(Map.of("name", g.info().name(), "uuid", g.info().uuid(),
                    "mig", g.mig() ? "enabled" : "disabled"), c == null ? Map.of() : c.seconds()));
        }
        extras = Map.copyOf(out);
    }

    @Override
    public synchronized List<PowerSample> sample() throws SourceException {
        try {
            open();
        } catch (NvmlException e) {
            String reason = NvmlReturn.reason(e.code());
            health.count(reason, "NVML unavailable: " + e.getMessage());
            throw new SourceException(reason, "NVML unavailable: " + e.getMessage(), e).counted();
        }
        List<PowerSample> out = new ArrayList<>();
        NvmlException lastFailure = null;
        for (NvmlDevices.Gpu g : found.gpus()) {
            try {
                out.add(read(g));
                failing.remove(g.info().device());
                health.recovered(g.info().device(), "NVML reads {} again", g.info().device());
            } catch (NvmlException e) {
                lastFailure = e;
                failing.add(g.info().device());
                ClockEvents c = clockEvents.get(g.info().device());
                if (c != null) c.interrupt();
                String error = "NVML cannot read " + g.info().device() + ": " + e.getMessage();
                health.failure(g.info().device(), NvmlReturn.reason(e.code()), error);
                if (NvmlReturn.needsReinit(e.code())) {
                    close(); // handles are void: initialise again next time
                    break;
                }
            }
        }
        publishExtras();
        if (out.isEmpty() && lastFailure != null) {
            // every device's failure is counted above: the sampler must not count the round again
            throw new SourceException(NvmlReturn.reason(lastFailure.code()), lastFailure.getMessage(), lastFailure)
                    .counted();
        }
        return out;
    }

    private PowerSample read(NvmlDevices.Gpu g) throws NvmlException {
        NvmlApi.Device h = g.handle();
        String device = g.info().device();
        long now = clock.nanoTime();
        Long mw = optional(() -> api.powerUsageMilliwatts(h));
        PowerSample s = PowerSample.of(device, DeviceKind.GPU, NAME, now, mw == null ? Double.NaN : mw / 1000.0);
        Long mj = optional(() -> api.totalEnergyConsumptionMillijoules(h));
        if (mj != null) {
            Long prev = lastEnergyMj.put(g.info().uuid(), mj);
            if (prev != null && mj < prev) {
                String error = "NVML energy counter of " + device + " went back from " + prev + " mJ to " + mj + " mJ";
                health.count("counter_reset", error);
                LOG.info("{} (driver reloaded?)", error);
            }
            s = s.withEnergyJoules(mj / 1000.0);
        }
        Long limit = optional(() -> api.enforcedPowerLimitMilliwatts(h));
        if (limit != null) {
            s = s.withPowerLimitWatts(limit / 1000.0);
        }
        if (mj != null) {
            // For a resume: the counter counts since driver load, so the driver version stands in for its epoch (a
            // reload that keeps the version shows as a counter lower than stored, which the resume check refuses).
            s = s.withRawCounter(new RawCounter(mj / 1000.0, g.info().uuid(), "driver " + found.driverVersion(),
                    Double.NaN, limit == null ? Double.NaN : limit / 1000.0));
        }
        Long celsius = optional(() -> (long) api.temperatureCelsius(h));
        if (celsius != null) {
            s = s.withCelsius(celsius);
        }
        Long util = optional(() -> (long) api.utilizationGpuPercent(h));
        if (util != null) {
            s = s.withUtilization(util / 100.0);
        }
        Long reasons = optional(() -> api.clocksEventReasons(h));
        if (reasons != null) {
            clockEvents.computeIfAbsent(device, d -> new ClockEvents()).accept(now, reasons, MAX_THROTTLE_INTERVAL);
        }
        return s;
    }

    @FunctionalInterface
    private interface Read {
        long get() throws NvmlException;
    }

    /** NOT_SUPPORTED / NO_PERMISSION / NO_DATA: absent; anything else fails the device. */
    private Long optional(Read read) throws NvmlException {
        try {
            return read.get();
        } catch (NvmlException e) {
            if (e.notSupported() || e.code() == NvmlReturn.NO_PERMISSION || e.code() == NvmlReturn.NO_DATA
                    || e.code() == NvmlReturn.FUNCTION_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    private void open() throws NvmlException {
        if (initialised) {
            return;
        }
        if (api == null) {
            api = loader.load();
        }
        api.init();
        try {
            found = NvmlDevices.enumerate(api, selection);
        } catch (NvmlException e) {
            api.shutdown(); // half-open: start over next time
            throw e;
        }
        initialised = true;
        for (NvmlDevices.Skipped k : found.skipped()) {
            health.failure(k.device(), k.code().toLowerCase(Locale.ROOT), "NVML cannot open " + k.device() + " ("
                    + k.code() + "); measuring the other " + found.gpus().size() + " GPUs without it");
        }
        found.gpus().forEach(g -> health.recovered(g.info().device(), "NVML opens {} again", g.info().device()));
    }

    /** Selected GPUs found at the last initialisation. */
    public synchronized List<GpuInfo> gpus() { return found.gpus().stream().map(NvmlDevices.Gpu::info).toList(); }

    /**
     * Read errors by reason (nvmlReturn_t names in lower case, plus "counter_reset"); down while a GPU it opened fails
     * its reads (GPU_IS_LOST...): the source is not measuring all it should. A skipped GPU does not make it down.
     * Lock-free of the sampling lock: a sampling thread hung in NVML must not hang the health report.
     */
    @Override
    public Health health() { return health.health(failing.isEmpty()); }

    @Override
    public synchronized void close() {
        if (initialised && api != null) {
            api.shutdown();
        }
        initialised = false;
        found = NvmlDevices.NONE;
        failing.clear();
    }
}
