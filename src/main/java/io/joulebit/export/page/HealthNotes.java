package io.joulebit.export.page;

import io.joulebit.power.DeviceKind;
import io.joulebit.progress.LineCounts;
import io.joulebit.run.DeviceReading;
import io.joulebit.run.EnergyQuality;
import io.joulebit.run.ProgressState;
import io.joulebit.run.RunSnapshot;
import io.joulebit.run.SourceHealth;
import io.joulebit.thermo.Flag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Data quality and source health in plain words for the live page ("gpu3: no temperature sensor", "nvidia-smi
 * stalled 12 s ago"): the snapshot's counters and flags, said once each, worst first.
 */
public final class HealthNotes {
    /** How long without a step before the page says so. */
    static final double QUIET_STEP_SECONDS = 60;

    public enum Level { WARN, INFO }

    public record Note(Level level, String text) {}

    private HealthNotes() {}

    public static List<Note> of(RunSnapshot s, RunHistory history) {
        List<Note> out = new ArrayList<>();
        double now = history.now();
        sources(out, s, history, now);
        devices(out, s);
        progress(out, s.progress(), now);
        boolean started = s.progress().trainSteps() > 0;
        for (Flag f : s.flags().stream().sorted().toList()) {
            // Before the first step every learning figure is absent: "waiting for the first step" says it all.
            if (!started && !f.warning()) continue;
            String words = words(f);
            if (words != null) out.add(new Note(f.warning() ? Level.WARN : Level.INFO, words));
        }
        s.store().ifPresent(st -> {
            if (!st.up()) out.add(warn("run store down: %d write errors, %d rows dropped", st.writeErrors(), st.droppedRows()));
            if (st.wallClockSteps() > 0) out.add(info("wall clock stepped %d times (energy uses the monotonic clock)", st.wallClockSteps()));
        });
        out.sort((a, b) -> a.level().compareTo(b.level()));
        return out;
    }

    private static void sources(List<Note> out, RunSnapshot s, RunHistory history, double now) {
        if (s.devices().isEmpty()) out.add(warn("no power readings yet: energy is not measured"));
        for (SourceHealth h : s.sources()) {
            var last = history.lastError(h.source());
            String when = last.map(e -> String.format(Locale.ROOT, "%s %s ago (%d× in all)", e.reason().replace('_', ' '),
                    ago(now - e.epochSeconds()), e.count())).orElse(null);
            String detail = h.lastError().isEmpty() ? "" : ": " + h.lastError();
            if (!h.up()) {
                out.add(warn("%s down%s%s", h.source(), when == null ? "" : ", " + when, detail));
            } else if (when != null) {
                out.add(info("%s %s", h.source(), when));
            }
        }
    }

    private static void devices(List<Note> out, RunSnapshot s) {
        for (DeviceReading d : s.devices()) {
            String n = d.device();
            if (d.kind() == DeviceKind.GPU && Double.isNaN(d.celsius())) out.add(info("%s: no temperature sensor", n));
            if (Double.isNaN(d.watts())) out.add(warn("%s: no power reading", n));
            if (d.quality() == EnergyQuality.ESTIMATED) out.add(info("%s: energy estimated by a model, not measured", n));
            if (d.quality() == EnergyQuality.SIMULATED) out.add(info("%s: simulated power, not a measurement", n));
            if (d.uncoveredSeconds() > 0) {
                out.add(warn("%s: %s without readings, not counted as energy", n, ago(d.uncoveredSeconds())));
            }
            if (d.counterResets() > 0) out.add(warn("%s: energy counter reset %d times", n, d.counterResets()));
        }
    }

    private static void progress(List<Note> out, ProgressState p, double now) {
        if (p.trainSteps() == 0) out.add(info("waiting for the first step"));
        LineCounts l = p.lines();
        if (l.rejected() > 0) out.add(warn("%d log lines looked like steps but could not be read", l.rejected()));
        l.file().ifPresent(f -> {
            for (Map.Entry<String, Long> e : f.readErrors().entrySet()) {
                out.add(warn("log file: %s (%d×)", e.getKey().replace('_', ' '), e.getValue()));
            }
            if (f.rotations() > 0) out.add(info("log file rotated %d times, followed", f.rotations()));
            if (f.truncations() > 0) out.add(info("log file truncated %d times, read again", f.truncations()));
        });
        if (p.nonFiniteLosses() > 0) out.add(warn("%d NaN/Inf losses dropped", p.nonFiniteLosses()));
        if (p.tokensDecreased() > 0) out.add(warn("%d steps had fewer tokens than before (ignored)", p.tokensDecreased()));
        if (p.stepsReplayed() > 0) out.add(info("%d steps seen again (re-read log), counted once", p.stepsReplayed()));
        double quiet = now - p.lastEventEpochSeconds();
        if (p.trainSteps() > 0 && quiet > QUIET_STEP_SECONDS) out.add(warn("no step for %s", ago(quiet)));
    }

    /** Plain words for a flag; null for flags another note already says. */
    static String words(Flag f) {
        return switch (f) {
            case NO_TOKENS -> "no token counts: bits learned, J/bit and J/token need tokens (from the log, or set seq len or tokens per step in the config)";
            case NO_ENERGY -> "no energy yet: J/bit, J/token and Landauer efficiency wait for it";
            case NO_PARAMS -> "model size unknown (--params): IC-1 capacity needs it";
            case NO_LOSS -> null; // "waiting for the first step" says it
            case NO_BASELINE -> "no baseline entropy yet";
            case NONPOSITIVE_BITS -> "nothing learned yet (bits ≤ 0): no energy per bit";
            case NAN_LOSS -> "the last loss was NaN";
            case INVALID_TEMPERATURE -> "invalid Landauer temperature";
            case NON_FINITE -> "a figure overflowed and is withheld";
            case NO_ELAPSED -> null;
            case TOO_FEW_POINTS, LR_CHANGED, ZERO_TEMPERATURE -> null; // heat capacity only; not on the page
            case LOSS_ABOVE_BASELINE -> "loss above the baseline: the run is unlearning (figures stay signed)";
            case LANDAUER_UNIT_SUSPECT -> "Landauer efficiency above 1e-6: almost surely a unit error upstream";
            case DIVERGED -> "diverged: 5 NaN/Inf losses in a row";
            default -> f.label().replace('_', ' ');
        };
    }

    /** "12 s", "4 min", "2.5 h". */
    static String ago(double seconds) {
        double s = Math.max(0, seconds);
        if (s < 120) return String.format(Locale.ROOT, "%.0f s", s);
        if (s < 7200) return String.format(Locale.ROOT, "%.0f min", s / 60);
        return String.format(Locale.ROOT, "%.1f h", s / 3600);
    }

    private static Note warn(String fmt, Object... args) { return new Note(Level.WARN, String.format(Locale.ROOT, fmt, args)); }

    private static Note info(String fmt, Object... args) { return new Note(Level.INFO, String.format(Locale.ROOT, fmt, args)); }
}
