package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * torchtitan: {@code [rank0]:[titan] 2025-06-16 22:30:50,322 - root - INFO - step: 200  loss:  6.1384  memory:
 * 49.66GiB(52.28%)  tps: 5,856  tflops: 339.16  mfu: 34.29%}, fields wrapped in ANSI colours (stripped by the base).
 * {@code validate step: N  loss: X} is an eval point. tps is a rate, not a token count.
 * Source: pytorch/torchtitan {@code torchtitan/components/metrics.py} ({@code MetricsProcessor.log}, 2025–26): {@code
 * f"{color.red}step: {step:2}  {color.green}loss: {global_avg_loss:8.5f}  {color.orange}grad_norm: ...
 * {color.turquoise}memory: ...  {color.blue}tps: ..."} (earlier releases: {@code loss:7.4f}, no grad_norm; one variant
 * prints {@code step_time:} and no memory); {@code components/validate.py}: {@code validate step: ... loss: ...}.
 */
public final class TorchTitanFormat extends StepFormat {
    private final Scan scan = new Scan();

    public TorchTitanFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "torchtitan"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int k = Scan.indexOf(s, "step:", 0);
        if (k < 0 || !NanoGptFormat.wordStart(s, k)) return LineResult.IGNORED;
        if (!Scan.contains(s, "[titan]") && !Scan.contains(s, "tps:") && !Scan.contains(s, "memory:")) {
            return LineResult.IGNORED;
        }
        if (!scan.integerPast(s, k, "step:")) return LineResult.IGNORED;
        long step = (long) scan.value;
        int l = NanoGptFormat.skipBlanks(s, scan.end);
        if (!Scan.startsWith(s, l, "loss:")) return LineResult.IGNORED;
        if (!scan.numberPast(s, l, "loss:")) return LineResult.REJECTED;
        boolean eval = k >= 9 && Scan.startsWith(s, k - 9, "validate ");
        StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
        return LineResult.of(eval ? e.withPhase(Phase.EVAL) : e);
    }
}
