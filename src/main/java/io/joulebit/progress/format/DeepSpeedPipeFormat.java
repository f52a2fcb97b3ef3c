package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * DeepSpeed pipeline engine: {@code steps: 100 loss: 2.3456 iter time (s): 0.512 samples/sec: 250.12}.
 * Source: deepspeed {@code runtime/pipe/engine.py} (v0.1x), {@code PipelineEngine.train_batch}: {@code print(f'steps:
 * {self.global_steps} loss: {self.agg_train_loss:0.4f} iter time (s): {iter_time:0.3f} samples/sec: {tput:0.3f}')}.
 */
public final class DeepSpeedPipeFormat extends StepFormat {
    private final Scan scan = new Scan();

    public DeepSpeedPipeFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "deepspeed-pipe"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int k = Scan.indexOf(s, "steps:", 0);
        if (k < 0 || !NanoGptFormat.wordStart(s, k) || !scan.integerPast(s, k, "steps:")) return LineResult.IGNORED;
        long step = (long) scan.value;
        int l = NanoGptFormat.skipBlanks(s, scan.end);
        if (!Scan.startsWith(s, l, "loss:")) return LineResult.IGNORED;
        if (!scan.numberPast(s, l, "loss:")) return LineResult.REJECTED;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
    }
}
