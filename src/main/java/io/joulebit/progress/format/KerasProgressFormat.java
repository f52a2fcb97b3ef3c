package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras fit() progress: {@code Epoch 3/10} then {@code 100/100 [======] - 1s 10ms/step - loss: 0.1234 - accuracy:
 * 0.98 - val_loss: 0.2} (Keras 3 draws ━ and puts loss anywhere among the metrics), redrawn with '\r'. The batch
 * counter restarts each epoch, so step = (epoch - 1) × batches-per-epoch + batch; val_loss (end of epoch) is an
 * eval point at the same step.
 * Source: keras-team/keras {@code keras/src/utils/progbar.py} (Keras 3.x: {@code ━} bar, {@code \r} redraw when the
 * output is a terminal, {@code " - {k}: {v}"} per metric) and Keras 2's {@code [====>...]} bar in {@code
 * keras/utils/generic_utils.py}.
 */
public final class KerasProgressFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long epoch = 1;
    private long perEpoch = -1;
    private long batchesBefore;
    private long lastBatch;

    public KerasProgressFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "keras-progress"; }

    @Override protected List<String> needles() { return List.of("Epoch ", "loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (Scan.startsWith(s, i, "Epoch ") && scan.integerPast(s, i, "Epoch ")) {
            long e = (long) scan.value;
            if (e != epoch) { batchesBefore += perEpoch > 0 ? perEpoch : lastBatch; epoch = e; lastBatch = 0; }
            return LineResult.IGNORED;
        }
        if (i >= s.length() || !Scan.isDigit(s.charAt(i)) || !scan.integer(s, i)) return LineResult.IGNORED;
        long batch = (long) scan.value;
        if (scan.end >= s.length() || s.charAt(scan.end) != '/') return LineResult.IGNORED;
        int l = Scan.indexOf(s, "- loss:", scan.end);
        if (l < 0) return LineResult.IGNORED;
        if (scan.integer(s, scan.end + 1)) perEpoch = (long) scan.value;
        if (!scan.numberPast(s, l, "- loss:")) return LineResult.REJECTED;
        lastBatch = batch;
        long step = batchesBefore + batch;
        List<StepEvent> out = new ArrayList<>(2);
        out.add(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
        int v = Scan.indexOf(s, "- val_loss:", l);
        if (v >= 0 && scan.numberPast(s, v, "- val_loss:")) {
            out.add(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        return LineResult.of(out);
    }
}
