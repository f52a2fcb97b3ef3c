package io.joulebit.export;

import io.joulebit.run.DeviceReading;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.prometheus.metrics.model.snapshots.Labels;

import java.util.Map;
import java.util.TreeMap;

/** Device and health families (ARCHITECTURE.md "Metrics": device labels device, kind, source). */
final class DeviceFamilies {
    private DeviceFamilies() {}

    static void add(Families f, RunSnapshot s) {
        for (DeviceReading d : s.devices()) {
            Labels l = LabelCache.of("device", d.device(), "kind", d.kind().label(), "source", d.source());
            f.gauge("device_power_watts", "Power draw of the device as last read (a convenience: rate() the "
                    + "energy counter for averages).", l, d.watts());
            f.counter("device_energy_joules", "Energy used by the device during this run; method says whether "
                    + "it comes from a hardware counter, trapezoid-integrated watts, an estimate or a simulation.",
                    LabelCache.of("device", d.device(), "kind", d.kind().label(), "method", d.quality().label(),
                            "source", d.source()), d.energyJoules());
            f.gauge("device_temperature_celsius", "Device temperature.", l, d.celsius());
            f.gauge("device_utilization_ratio", "Device busy ratio, 0 to 1.", l, d.utilization());
            f.gauge("device_power_limit_watts", "Enforced power limit of the device.", l, d.powerLimitWatts());
            f.gauge("device_up", "1 while the device's readings arrive within its staleness bound (a few sampling "
                    + "intervals); 0 when they stopped: its power, temperature and utilisation are then withdrawn.",
                    l, d.up() ? 1 : 0);
            f.gauge("device_energy_disagreement_ratio", "|hardware counter - integrated power| / integrated "
                    + "energy of the device over the last 30 s; above 0.5 the counter is distrusted and integrated "
                    + "power used.", l, d.counterDisagreementRatio());
            f.counter("energy_uncovered_seconds", "Time during which the device's energy was not measured "
                    + "(gaps longer than max_gap, counter resets, agent downtime).",
                    LabelCache.of("device", d.device()),
                    d.uncoveredSeconds());
        }
        for (SourceHealth h : s.sources()) {
            f.gauge("source_up", "1 when the power source's last reading succeeded, else 0.",
                    LabelCache.of("source", h.source()), h.up() ? 1 : 0);
            f.declare("counter", "source_errors", "Failed readings of a power source, by reason.");
            h.errorsByReason().forEach((reason, n) -> f.counter("source_errors",
                    "Failed readings of a power source, by reason.",
                    LabelCache.of("reason", reason, "source", h.source()), n));
            h.devices().forEach((device, x) -> {
                if (!x.info().isEmpty()) {
                    Map<String, String> labels = new TreeMap<>(x.info());
                    labels.put("device", device);
                    labels.put("source", h.source());
                    f.info("device", "Identity and mode of a device as its source reports them (mig=enabled: "
                            + "the device's energy is the whole GPU's, counted once, not per MIG instance).",
                            Labels.of(labels.keySet().toArray(String[]::new), labels.values().toArray(String[]::new)));
                }
                x.throttledSeconds().forEach((reason, sec) -> f.counter("device_throttled_seconds", "Time the "
                        + "GPU's clocks were held down, by NVML clocks-event reason (sw_power_cap, "
                        + "hw_thermal_slowdown, sync_boost, ...; gpu_idle is not a slowdown).",
                        LabelCache.of("device", device, "reason", reason, "source", h.source()), sec));
            });
        }
        s.store().ifPresent(st -> {
            f.gauge("store_up", "1 while the run store's writes succeed; the agent keeps measuring either way.",
                    Labels.EMPTY, st.up() ? 1 : 0);
            f.counter("store_write_errors", "Failed run-store writes (disk full, read-only, locked, corrupt).",
                    Labels.EMPTY, st.writeErrors());
            f.counter("store_dropped_rows", "Journal rows dropped because the store fell behind; checkpoints are "
                    + "never dropped.", Labels.EMPTY, st.droppedRows());
            f.counter("wall_clock_steps", "Times the wall clock jumped more than 1 s against the monotonic clock "
                    + "(NTP step, manual set); energy and checkpoints follow the monotonic clock.", Labels.EMPTY,
                    st.wallClockSteps());
            String gapHelp = "Resumes after which a device's downtime stayed uncovered, by reason: reboot, no_counter, "
                    + "device_changed, counter_reset, negative_delta, wrap_ambiguous, over_power_limit (otherwise the "
                    + "hardware counter's energy over the downtime is added as measured).";
            f.declare("counter", "resume_gaps", gapHelp);
            st.resumeGaps().forEach((device, reasons) -> reasons.forEach((reason, n) -> f.counter("resume_gaps",
                    gapHelp, LabelCache.of("device", device, "reason", reason), n)));
        });
        var lines = s.progress().lines();
        String help = "Progress log lines by what became of them: parsed into a step, ignored (not a step), "
                + "rejected (malformed or over the length cap).";
        f.counter("progress_lines", help, LabelCache.of("result", "parsed"), lines.parsed());
        f.counter("progress_lines", help, LabelCache.of("result", "ignored"), lines.ignored());
        f.counter("progress_lines", help, LabelCache.of("result", "rejected"), lines.rejected());
        f.gauge("progress_last_event_timestamp_seconds", "Unix time of the last training progress event.",
                Labels.EMPTY, s.progress().lastEventEpochSeconds());
        lines.file().ifPresent(file -> {
            f.counter("progress_log_rotations", "Times the followed log's path came to name a new file (rename + "
                    + "create, symlink swap); the old file was read to its end first.", Labels.EMPTY, file.rotations());
            f.counter("progress_log_truncations", "Times the followed log shrank below what was read "
                    + "(copytruncate) and was read again from its start.", Labels.EMPTY, file.truncations());
            String errHelp = "Failed opens or reads of the followed log, by reason; it is retried every poll.";
            f.declare("counter", "progress_log_read_errors", errHelp);
            file.readErrors().forEach((reason, n) -> f.counter("progress_log_read_errors", errHelp,
                    Labels.of("reason", reason), n));
            if (!file.format().isEmpty()) {
                f.info("progress_format", "The followed log's format; \"pending\" while auto-detection has not yet "
                        + "read a step line it can decide on.", Labels.of("format", file.format()));
            }
        });
    }
}
