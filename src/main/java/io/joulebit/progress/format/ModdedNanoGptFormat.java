package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The modded-nanogpt speedrun family (KellerJordan/modded-nanogpt train_gpt.py, main 2026-08, and the record logs in
 * records/): {@code step:1/6200 train_loss:10.9184 train_time:74701ms step_avg:nanms} (records up to late 2024) or,
 * since the train loss stopped being computed, {@code step:1/1393 train_time:17608ms step_avg:nanms} (a step with
 * no loss); {@code step:0/1393 val_loss:10.8258 train_time:0ms step_avg:nanms} is an eval point (forks add
 * {@code val_bpb:}; some print train_time in seconds). Losses are token-mean cross-entropy, nats. Record logs open
 * with the script's own source, whose f-strings ({@code step:{step}/...}) hold no number and are ignored. No token
 * counts are printed.
 */
public final class ModdedNanoGptFormat extends StepFormat {
    private final Scan scan = new Scan();

    public ModdedNanoGptFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "modded-nanogpt"; }

    @Override protected List<String> needles() { return List.of("step:"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (!Scan.startsWith(s, i, "step:") || !scan.integerPast(s, i, "step:") || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int slash = scan.end;
        if (slash >= s.length() || s.charAt(slash) != '/' || !scan.integer(s, slash + 1)) return LineResult.IGNORED;
        int rest = scan.end;
        int v = Scan.indexOf(s, " val_loss:", rest);
        if (v >= 0) {
            if (!scan.numberPast(s, v, " val_loss:")) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        int t = Scan.indexOf(s, " train_loss:", rest);
        if (t >= 0) {
            if (!scan.numberPast(s, t, " train_loss:")) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
        }
        if (Scan.indexOf(s, " train_time:", rest) < 0) return LineResult.IGNORED;
        return LineResult.of(new StepEvent(step, OptionalDouble.empty(), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), 0L, Phase.TRAIN));
    }
}
