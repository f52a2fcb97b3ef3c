package io.joulebit.run;

import io.joulebit.thermo.Figure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What /metrics shows when a run store is used: the latest snapshot, except that every total which resumes across a
 * restart (run energy, tokens, steps, carbon, device energy, uncovered time) is taken from the last checkpoint the
 * store has committed. A value is thus exported only once a kill -9 can no longer lose it, and the first scrape after
 * a restart (which resumes from that checkpoint) is never below the last scrape before the kill: Prometheus sees no
 * counter reset. Gauges stay live. While the store is down these counters hold still (store_up says why) rather than
 * run ahead of what a restart could restore. Thread-safe; memoised so repeated scrapes of one snapshot render once.
 */
public final class DurableView {
    private final Double gridIntensityGramsPerKwh;
    private final AtomicReference<DurableTotals> durable = new AtomicReference<>(DurableTotals.NONE);
    private final AtomicReference<Memo> memo = new AtomicReference<>();

    private record Memo(RunSnapshot latest, DurableTotals durable, RunSnapshot visible) {}

    public DurableView(RunSettings settings) { this.gridIntensityGramsPerKwh = settings.gridIntensityGramsPerKwh(); }

    /**
     * A checkpoint of these totals is committed (or they were just restored from one). Merged as a maximum, field by
     * field: a sum over devices taken in another order may differ in its last bit, and a counter must not.
     */
    public void committed(DurableTotals totals) { durable.accumulateAndGet(totals, DurableView::max); }

    private static DurableTotals max(DurableTotals a, DurableTotals b) {
        Map<String, DurableTotals.Device> devices = new LinkedHashMap<>(a.devices());
        b.devices().forEach((k, v) -> devices.merge(k, v, (x, y) -> new DurableTotals.Device(
                Math.max(x.energyJoules(), y.energyJoules()), Math.max(x.uncoveredSeconds(), y.uncoveredSeconds()))));
        OptionalLong tokens = a.tokens().isEmpty() ? b.tokens() : b.tokens().isEmpty() ? a.tokens()
                : OptionalLong.of(Math.max(a.tokens().getAsLong(), b.tokens().getAsLong()));
        return new DurableTotals(devices, Math.max(a.steps(), b.steps()), tokens,
                Math.max(a.energyJoules(), b.energyJoules()), Math.max(a.itEnergyJoules(), b.itEnergyJoules()));
    }

    public DurableTotals durable() { return durable.get(); }

    public RunSnapshot visible(RunSnapshot latest) {
        DurableTotals d = durable.get();
        Memo m = memo.get();
        if (m != null && m.latest() == latest && m.durable() == d) return m.visible();
        RunSnapshot v = apply(latest, d);
        memo.set(new Memo(latest, d, v));
        return v;
    }

    private RunSnapshot apply(RunSnapshot s, DurableTotals d) {
        List<DeviceReading> devices = new ArrayList<>(s.devices().size());
        for (DeviceReading r : s.devices()) {
            DurableTotals.Device t = d.devices().getOrDefault(r.device(), new DurableTotals.Device(0, 0));
            devices.add(new DeviceReading(r.device(), r.kind(), r.source(), r.quality(), t.energyJoules(),
                    t.uncoveredSeconds(), r.counterResets(), r.watts(), r.celsius(), r.utilization(),
                    r.powerLimitWatts(), r.up(), r.counterDisagreementRatio()));
        }
        ProgressState p = s.progress();
        ProgressState progress = new ProgressState(d.steps(), p.lastStep(), d.tokens(), p.lossBits(),
                p.smoothedLossBits(), p.evalLossBits(), p.nonFiniteLosses(), p.tokensDecreased(), p.stepsReplayed(),
                p.lines(), p.lastEventEpochSeconds(), p.curve());
        var f = s.figures().energyJoules().present() ? s.figures().withEnergyJoules(Figure.of(d.energyJoules()))
                : s.figures();
        Figure carbon = s.carbonGrams().present() && gridIntensityGramsPerKwh != null
                ? Figure.of(d.energyJoules() / 3.6e6 * gridIntensityGramsPerKwh) : s.carbonGrams();
        return new RunSnapshot(s.runId(), s.labels(), s.sequence(), s.elapsedSeconds(), d.itEnergyJoules(), s.pue(),
                devices, s.sources(), progress, s.baselineMethod(), s.tokenOrigin(), f, s.fluxTotalBitsPerSecond(),
                s.fluxThroughputBitsPerSecond(), s.heat(), carbon, s.flags(), s.store());
    }
}
