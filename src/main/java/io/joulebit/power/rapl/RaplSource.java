package io.joulebit.power.rapl;

import io.joulebit.health.Health;
import io.joulebit.health.HealthLog;
import io.joulebit.power.Availability;
import io.joulebit.power.PowerSample;
import io.joulebit.power.PowerSource;
import io.joulebit.power.RawCounter;
import io.joulebit.power.SourceException;
import io.joulebit.power.rapl.RaplZone.Role;
import io.joulebit.time.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * CPU package, DRAM and platform energy from the Linux powercap sysfs ({@code <sysfs>/class/powercap}).
 * Devices: {@code cpuN} (CPU) per package and {@code dramN} (DRAM) where a dram zone exists, or only {@code system}
 * (SYSTEM) from psys when present (see {@link RaplOptions#preferPsys()}); core/uncore are never reported, being parts
 * of their package. So summing all devices never double counts.
 * Each sample carries a monotonic {@code energyJoules} (unwrapped here, see {@link RaplCounter}; no energyRangeJoules
 * since it never wraps) and watts from the delta since the previous sample (NaN on the first).
 */
public final class RaplSource implements PowerSource {
    public static final String NAME = "rapl";
    private static final String PERMISSION = "permission";
    private static final Logger LOG = LoggerFactory.getLogger(RaplSource.class);

    private final Path powercapDir;
    private final NanoClock clock;
    private final SysfsReader reader;
    private final RaplOptions options;
    private final Map<String, RaplCounter> counters = new ConcurrentHashMap<>();
    private final HealthLog health = new HealthLog(LOG);
    private volatile List<RaplZone> zones;

    public RaplSource(Path sysfsRoot, NanoClock clock) {
        this(sysfsRoot, clock, SysfsReader.FILES, RaplOptions.defaults());
    }

    public RaplSource(Path sysfsRoot, NanoClock clock, SysfsReader reader, RaplOptions options) {
        this.powercapDir = sysfsRoot.resolve("class").resolve("powercap");
        this.clock = clock;
        this.reader = reader;
        this.options = options;
    }

    @Override public String name() { return NAME; }

    @Override
    public Availability probe() {
        RaplZoneScanner.Scan scan = new RaplZoneScanner(reader).scan(powercapDir);
        if (!scan.powercapPresent()) {
            return Availability.unavailable(powercapDir + " does not exist: this kernel exposes no powercap/RAPL "
                    + "interface here (usual in virtual machines, which pass no RAPL through, and on non-x86 CPUs; "
                    + "on bare-metal x86 load the intel_rapl_msr module)");
        }
        List<RaplZone> wanted = choose(scan.zones());
        if (wanted.isEmpty()) {
            return Availability.unavailable("no RAPL package or psys zone under " + powercapDir
                    + (scan.problems().isEmpty() ? "" : " (" + String.join("; ", scan.problems()) + ")"));
        }
        List<RaplZone> readable = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String denied = null;
        for (RaplZone z : wanted) {
            try {
                parseMicrojoules(reader.read(z.energyFile()));
                readable.add(z);
            } catch (AccessDeniedException e) {
                denied = z.energyFile().toString();
            } catch (IOException | RuntimeException e) {
                failures.add(z.id() + " energy_uj: " + e.getClass().getSimpleName());
            }
        }
        if (readable.isEmpty()) {
            if (denied != null) {
                warnPermission(denied);
                return Availability.unavailable(RaplPermission.explain(denied));
            }
            return Availability.unavailable("no readable energy_uj: " + String.join("; ", failures));
        }
        zones = List.copyOf(readable);
        String detail = readable.stream().map(z -> z.id() + " " + z.zoneName() + " -> " + z.device())
                .collect(Collectors.joining(", "));
        Optional<Duration> window = maxSafeSamplingInterval();
        return Availability.available(detail + window.map(d -> "; read at least every " + d.toSeconds() + " s")
                .orElse(""), readable.stream().map(RaplZone::device).toList());
    }

    @Override
    public List<PowerSample> sample() throws SourceException {
        List<RaplZone> zs = zones;
        if (zs == null) zs = zones = choose(new RaplZoneScanner(reader).scan(powercapDir).zones());
        if (zs.isEmpty()) throw new SourceException("unavailable", "no RAPL zones under " + powercapDir);
        long safeNanos = maxSafeSamplingInterval().map(Duration::toNanos).orElse(Long.MAX_VALUE);
        List<PowerSample> out = new ArrayList<>(zs.size());
        String firstReason = null;
        boolean denied = false;
        for (RaplZone z : zs) {
            String reason;
            try {
                long raw = parseMicrojoules(reader.read(z.energyFile()));
                long now = clock.nanoTime();
                RaplCounter counter = counters.computeIfAbsent(z.id(),
                        id -> new RaplCounter(z.maxRangeUj().orElse(-1)));
                if (counter.nanosSinceLast(now) > safeNanos) {
                    note(z, "wrap_window", String.format("read after more than the %.1f s wrap "
                            + "window; a second wrap may have been missed", safeNanos / 1e9));
                }
                RaplCounter.Reading r = counter.update(raw, now);
                if (r.event() == RaplCounter.Event.RESET) note(z, "reset", "counter decreased with "
                        + "unknown range; interval dropped, re-baselined");
                out.add(PowerSample.of(z.device(), z.kind(), NAME, now, r.watts()).withEnergyJoules(r.energyJoules())
                        .withRawCounter(new RawCounter(raw / 1e6, z.dir().toString(), "max_energy_range_uj="
                                + z.maxRangeUj().orElse(-1), z.maxRangeJoules(), options.assumedPeakWatts())));
                health.recovered(z.id(), "rapl {}: readable again", z.id());
                continue;
            } catch (AccessDeniedException e) {
                reason = PERMISSION;
            } catch (NumberFormatException e) {
                reason = "parse";
            } catch (IOException | RuntimeException e) {
                reason = "io";
            }
            String error = z.energyFile() + " unusable (" + reason + ")";
            if (reason.equals(PERMISSION)) {
                // One edge for all zones, its WARN being the fix; DEBUG per read while any zone is denied.
                denied = true;
                String fix = health.failing(PERMISSION) ? error : RaplPermission.explain(z.energyFile().toString());
                health.failure(PERMISSION, PERMISSION, error, "rapl: {}", fix);
            } else {
                health.failure(z.id(), reason, error, "rapl {}: {}", z.id(), error);
            }
            if (firstReason == null) firstReason = reason;
        }
        if (!denied && !out.isEmpty()) {
            health.recovered(PERMISSION, "rapl: energy_uj readable again");
        }
        if (out.isEmpty()) {
            // Each zone's failure is counted above: the sampler must not count the round again.
            throw new SourceException(firstReason, "no RAPL zone could be read under " + powercapDir).counted();
        }
        return out;
    }

    /** A counted anomaly on a read that still produced a sample; WARN the first time per zone and reason. */
    private void note(RaplZone z, String reason, String message) {
        health.note(z.id() + "/" + reason, reason, message, "rapl {}: {}", z.id(), message);
    }

    /**
     * How often a zone must be read so its counter cannot wrap twice between reads (max range / assumed peak power);
     * empty before zones are known or when no range is readable.
     */
    public Optional<Duration> maxSafeSamplingInterval() {
        List<RaplZone> zs = zones;
        if (zs == null) return Optional.empty();
        return zs.stream().filter(z -> z.maxRangeUj().isPresent())
                .map(z -> Duration.ofNanos(Math.round(z.maxRangeUj().getAsLong() * 1e3 / options.assumedPeakWatts())))
                .min(Duration::compareTo);
    }

    /**
     * Counted problems by reason (permission, io, parse, reset, wrap_window), since start. Always up: whether the
     * source reads at all is what the sampler sees from {@link #sample()}.
     */
    @Override public Health health() { return health.health(true); }

    private List<RaplZone> choose(List<RaplZone> all) {
        boolean psys = options.preferPsys() && all.stream().anyMatch(z -> z.role() == Role.PSYS);
        return all.stream().filter(z -> psys ? z.role() == Role.PSYS : z.role() == Role.PACKAGE || z.role() == Role.DRAM)
                .toList();
    }

    /** The same edge as a denied read: probe and sample together warn once per outage; not counted (no read failed). */
    private void warnPermission(String file) {
        String fix = RaplPermission.explain(file);
        health.problem(PERMISSION, fix, "rapl: {}", fix);
    }

    /** Non-negative decimal microjoules; anything else is a NumberFormatException. */
    static long parseMicrojoules(String text) {
        long v = Long.parseLong(text.trim());
        if (v < 0) throw new NumberFormatException("negative energy_uj: " + v);
        return v;
    }
}
