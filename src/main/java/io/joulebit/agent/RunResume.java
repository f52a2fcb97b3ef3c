package io.joulebit.agent;

import io.joulebit.power.DeviceKind;
import io.joulebit.power.PowerSample;
import io.joulebit.power.RawCounter;
import io.joulebit.run.CounterMark;
import io.joulebit.run.DurableTotals;
import io.joulebit.run.RunAccountant;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.CheckpointKey;
import io.joulebit.store.CounterCheckpoint;
import io.joulebit.store.DeviceTotals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Continues a stored run: totals come back from the checkpoint. A device whose checkpoint holds a raw hardware
 * counter from this boot has its downtime settled by its first reading (measured energy when the counter is the same
 * and the difference plausible, see io.joulebit.run.ResumeCheck); every other device's downtime is uncovered time,
 * and the reason (reboot, no_counter) is logged once and counted in joulebit_resume_gaps_total.
 */
final class RunResume {
    private static final Logger LOG = LoggerFactory.getLogger(RunResume.class);

    private RunResume() {}

    /** @param monoNow this process's monotonic clock at {@code now}, to place the stored readings on it */
    static void restore(RunAccountant acc, Checkpoint c, Instant now, String bootId, long monoNow) {
        double downSeconds = Math.max(0, Duration.between(c.wallTime(), now).toMillis() / 1000.0);
        for (DeviceTotals d : c.devices().values()) {
            PowerSample identity = PowerSample.of(d.device(), DeviceKind.valueOf(d.kind().toUpperCase(Locale.ROOT)),
                    d.source(), Long.MIN_VALUE, Double.NaN);
            boolean counter = "counter".equals(d.quality());
            if (counter) identity = identity.withEnergyJoules(0);
            CounterCheckpoint k = counter ? d.counter().orElse(null) : null;
            if (k != null && k.bootId().equals(bootId) && !"unknown".equals(bootId)) {
                long readMono = monoNow - Duration.between(k.readAt(), now).toNanos();
                acc.ledger().restore(identity, d.energyJoules(), d.uncoveredSeconds(), new CounterMark(
                        new RawCounter(k.joules(), k.identity(), k.epoch(), k.rangeJoules(), k.maxWatts()), readMono));
                continue;
            }
            acc.ledger().restore(identity, d.energyJoules(), d.uncoveredSeconds() + downSeconds);
            String reason = k != null ? "reboot" : "no_counter";
            acc.ledger().resumeGaps().record(d.device(), reason, downSeconds, k != null
                    ? "counter read in boot " + k.bootId() + ", now boot " + bootId
                    : "source " + d.source() + " keeps no hardware counter across a restart");
        }
        acc.restoreProgress(c.steps(), c.lastStep(), c.tokens(), c.lossBitsSmoothed(), c.baselineBits(), c.curve());
        LOG.info("run {} resumed: {} steps, {} J, down for {} s", c.runId(), c.steps(),
                c.devices().values().stream().mapToDouble(DeviceTotals::energyJoules).sum(), downSeconds);
    }

    /** The checkpoint's resumable totals: what /metrics may show at once after the restart. */
    static DurableTotals totals(Checkpoint c) {
        Map<String, DurableTotals.Device> devices = new LinkedHashMap<>();
        double it = 0;
        for (DeviceTotals d : c.devices().values()) {
            devices.put(d.device(), new DurableTotals.Device(d.energyJoules(), d.uncoveredSeconds()));
            it += d.energyJoules();
        }
        double energy = c.extra(CheckpointKey.ENERGY_JOULES);
        return new DurableTotals(devices, c.steps(), c.tokens(), Double.isFinite(energy) ? energy : it, it);
    }
}
