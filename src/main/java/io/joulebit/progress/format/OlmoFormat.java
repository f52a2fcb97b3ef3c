package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * OLMo / OLMo-core console blocks: a {@code [step=100/739328]} header line (after the logger prefix) followed by
 * indented {@code name=value} lines ({@code train/CrossEntropyLoss=2.345}, {@code train/CE loss=...},
 * {@code throughput/total_tokens=419,430,400}, {@code eval/<set>/CrossEntropyLoss=...}). Stateful: a block's events
 * come out on the first line that is not part of it (or from {@link #finish()}).
 * Source: allenai/OLMo {@code olmo/train.py} (v0.3–0.6), {@code Trainer.log_metrics_to_console}: a {@code [step=N/M]}
 * (later {@code [step=N/M,epoch=E]}) prefix and one {@code "    {name}={value}"} line per metric; eval blocks are
 * prefixed {@code Eval}.
 */
public final class OlmoFormat extends StepFormat {
    private final Scan scan = new Scan();
    private long step;
    private boolean inBlock;
    private double trainLoss = Double.NaN;
    private double evalLoss = Double.NaN;
    private boolean hasTrain;
    private boolean hasEval;
    private long tokens = -1;
    private double lr = Double.NaN;

    public OlmoFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "olmo"; }

    /** Idle, only a metric line or a "[step=" header matters; inside a block any other line closes it. */
    @Override protected List<String> needles() { return List.of("="); }

    @Override protected boolean readsEveryLine() { return inBlock; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (isMetricLine(s)) {
            inBlock = true;
            metric(s.toString().trim());
            return LineResult.IGNORED;
        }
        List<StepEvent> done = close();
        if (scan.integerAfter(s, "[step=", 0)) {
            step = (long) scan.value;
            inBlock = true;
        }
        return LineResult.of(done);
    }

    private static boolean isMetricLine(CharSequence s) {
        if (s.length() < 2 || (s.charAt(0) != ' ' && s.charAt(0) != '\t')) return false;
        String t = s.toString().trim();
        int eq = t.lastIndexOf('=');
        int slash = t.indexOf('/');
        return eq > 0 && slash > 0 && slash < eq;
    }

    private void metric(String t) {
        int eq = t.lastIndexOf('=');
        String key = t.substring(0, eq).trim();
        if (!scan.number(t, eq + 1)) return;
        double v = scan.value;
        boolean ce = key.endsWith("/CrossEntropyLoss") || key.endsWith("/CE loss");
        if (ce && key.startsWith("train/")) { trainLoss = v; hasTrain = true; }
        else if (ce && key.startsWith("eval/") && !hasEval) { evalLoss = v; hasEval = true; }
        else if (key.equals("throughput/total_tokens") && v >= 0) tokens = (long) v;
        else if (key.startsWith("optim/learning_rate") || key.startsWith("optim/LR")) lr = v;
    }

    private List<StepEvent> close() {
        if (!inBlock) return List.of();
        List<StepEvent> out = new ArrayList<>(2);
        OptionalLong tk = tokens >= 0 ? OptionalLong.of(tokens) : OptionalLong.empty();
        OptionalDouble l = Double.isNaN(lr) ? OptionalDouble.empty() : OptionalDouble.of(lr);
        if (hasTrain) out.add(event(trainLoss, tk, l, Phase.TRAIN));
        if (hasEval) out.add(event(evalLoss, tk, OptionalDouble.empty(), Phase.EVAL));
        inBlock = hasTrain = hasEval = false;
        tokens = -1;
        lr = Double.NaN;
        return out;
    }

    private StepEvent event(double loss, OptionalLong tk, OptionalDouble l, Phase p) {
        return new StepEvent(step, OptionalDouble.of(opts.lossUnit().toNats(loss)), tk, l, OptionalLong.empty(), 0L, p);
    }

    @Override public List<StepEvent> finish() { return close(); }
}
