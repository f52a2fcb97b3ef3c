package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * Deep Java Library's LoggingTrainingListener: {@code Epoch 1 finished.} then {@code Train: Accuracy: 0.93,
 * SoftmaxCrossEntropyLoss: 0.24} and {@code Validate: Accuracy: 0.91, SoftmaxCrossEntropyLoss: 0.30} (values may be
 * written %.2E, e.g. 5.23E-03). The {@code Training: 42% |████| ...} and {@code Validating:} bars show only a
 * percentage and a running average, no step, so they are ignored: points are per epoch (step = epoch number).
 * Source: deepjavalibrary/djl {@code api/src/main/java/ai/djl/training/listener/LoggingTrainingListener.java} (0.2x):
 * {@code logger.info("Epoch {} finished.", ...)}, {@code logger.info("Train: {}", ...)}, {@code logger.info("Validate:
 * {}", ...)}, each evaluator as {@code %s: %.2f} or {@code %.2E} below 0.01.
 */
public final class DjlFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long epoch;
    private long trainLines;

    public DjlFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "djl"; }

    @Override protected List<String> needles() { return List.of("Epoch ", "Train: ", "Validate: "); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (scan.integerAfter(s, "Epoch ", 0) && Scan.startsWith(s, scan.end, " finished.")) {
            epoch = (long) scan.value;
            return LineResult.IGNORED;
        }
        int t = marker(s, "Train: ");
        Phase phase = Phase.TRAIN;
        if (t < 0) { t = marker(s, "Validate: "); phase = Phase.EVAL; }
        if (t < 0) return LineResult.IGNORED;
        int k = Scan.indexOf(s, "Loss: ", t);
        if (k < 0) k = Scan.indexOf(s, "loss: ", t);
        if (k < 0 || !scan.numberPast(s, k, "loss: ")) return LineResult.REJECTED;
        if (phase == Phase.TRAIN) trainLines++;
        long step = epoch > 0 ? epoch : trainLines;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(phase));
    }

    /** The marker at the start of the message: line start, or after the logger's " - " / "] ". */
    private static int marker(CharSequence s, String m) {
        int i = Scan.indexOf(s, m, 0);
        if (i < 0) return -1;
        return i == 0 || s.charAt(i - 1) == ' ' || s.charAt(i - 1) == '\t' ? i + m.length() : -1;
    }
}
