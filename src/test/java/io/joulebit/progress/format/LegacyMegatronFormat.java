package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The CharSequence Megatron parser as it was before the byte path (commit 79dc8ad), kept in the tests as the oracle
 * that the byte parser classifies every line, and reads every field, exactly as before.
 */
public final class LegacyMegatronFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long lastStep = 0;

    public LegacyMegatronFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return MegatronFormat.NAME; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        int it = Scan.indexOf(s, "iteration", 0);
        if (it < 0) {                                   // "validation loss at the end of training ..."
            int v = Scan.indexOf(s, "validation loss at", 0);
            return v >= 0 ? validation(s, v) : LineResult.IGNORED;
        }
        int v = Scan.indexOf(s, "validation loss at", 0, it);
        return v >= 0 ? validation(s, v) : train(s, it + 9);
    }

    private LineResult train(CharSequence s, int at) {
        if (!scan.integer(s, at) || scan.value < 0) return LineResult.IGNORED;
        long step = (long) scan.value;
        int i = scan.end;
        int n = s.length();
        while (i < n && s.charAt(i) == ' ') i++;
        if (i >= n || s.charAt(i) != '/') return LineResult.IGNORED;
        long consumed = -1;
        long tokens = -1;
        long batch = -1;
        double lr = Double.NaN;
        boolean hasLr = false;
        double loss = Double.NaN;
        boolean hasLoss = false;
        boolean fields = false;
        while (true) {
            int bar = indexOf(s, '|', i);
            if (bar < 0) break;
            fields = true;
            int k = bar + 1;
            while (k < n && s.charAt(k) == ' ') k++;
            i = k;
            if (k >= n) break;
            char c = s.charAt(k);
            if (c == 'c') {
                if (Scan.startsWith(s, k, "consumed samples:")) {
                    if (!scan.integer(s, k + 17)) return LineResult.REJECTED;
                    consumed = (long) scan.value;
                    i = scan.end;
                } else if (Scan.startsWith(s, k, "consumed tokens:")) {
                    if (!scan.integer(s, k + 16)) return LineResult.REJECTED;
                    tokens = (long) scan.value;
                    i = scan.end;
                }
            } else if (c == 'l') {
                if (Scan.startsWith(s, k, "lm loss:")) {
                    if (!scan.number(s, k + 8)) return LineResult.REJECTED;
                    loss = scan.value;
                    hasLoss = true;
                    i = scan.end;
                    if (consumed >= 0 || tokens >= 0) break;    // nothing needed lies beyond the loss
                } else if (Scan.startsWith(s, k, "learning rate:")) {
                    if (scan.number(s, k + 14)) { lr = scan.value; hasLr = true; i = scan.end; }
                }
            } else if (c == 'g' && Scan.startsWith(s, k, "global batch size:")) {
                if (scan.integer(s, k + 18)) { batch = (long) scan.value; i = scan.end; }
            }
        }
        if (!fields) return LineResult.IGNORED;
        lastStep = step;
        StepEvent e = new StepEvent(step, hasLoss ? OptionalDouble.of(opts.lossUnit().toNats(loss)) : OptionalDouble.empty(),
                tokens >= 0 ? OptionalLong.of(tokens) : OptionalLong.empty(),
                hasLr ? OptionalDouble.of(lr) : OptionalDouble.empty(),
                batch >= 0 ? OptionalLong.of(batch) : OptionalLong.empty(), 0L, Phase.TRAIN);
        return new LineResult(LineKind.PARSED, List.of(e), consumed);
    }

    private LineResult validation(CharSequence s, int at) {
        long step = lastStep;
        int it = Scan.indexOf(s, "iteration", at);
        int bar = indexOf(s, '|', at);
        if (it >= 0 && (bar < 0 || it < bar) && scan.integer(s, it + 9)) step = (long) scan.value;
        if (!scan.numberAfter(s, "lm loss value", at)) return LineResult.REJECTED;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
    }

    private static int indexOf(CharSequence s, char c, int from) {
        if (s instanceof ByteLine b) return b.indexOf(c, from);     // the replay-log hot path
        for (int i = from, n = s.length(); i < n; i++) if (s.charAt(i) == c) return i;
        return -1;
    }
}
