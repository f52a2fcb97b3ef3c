package io.joulebit.progress.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Levanter (stanford-crfm/levanter, main 2025-09). Its json_logger tracker (src/levanter/tracker/json_logger.py)
 * logs {@code {"tracker": "json_logger", "event": "log", "step": 10, "metrics": {"train/loss": 3.41, "global_step":
 * 10}}} from log_step_info, a second record for the same step from log_performance_stats
 * (callbacks/_metrics.py) with {@code "throughput/total_tokens"} (cumulative), and {@code "eval/loss"} after an
 * evaluation (eval.py). A train step is held until its token record arrives or another step begins. Without that
 * tracker the console shows only the tqdm bar {@code train:  45%|████▌ | 450/1000 [07:30<09:10, 1.00s/it,
 * loss=2.95]} (pbar_logger; n counts completed steps, so step = n - 1 as in the JSON) and eval.py's
 * {@code eval loss: 3.456} (an eval point at the last step). Where the console is no terminal (a batch job's log),
 * tqdm_loggable (tqdm_loggable/tqdm_logging.py, which pbar_logger imports through tqdm_loggable.auto) logs the bar
 * every 60 s instead: {@code Progress on:train 12.3kit/20.0kit rate:1.0s/it remaining:... postfix:loss=2.95}, its
 * counter rounded by tqdm's format_sizeof (three significant digits from 1000 on). Losses: token cross-entropy,
 * nats; bar and postfix round them to three significant digits. Once a tracker record is seen, bar and text lines are skipped (they repeat it, rounded);
 * a bar drawn before the first record can still give that one step twice.
 */
public final class LevanterFormat extends StepFormat {
    private static final String PROGRESS = "Progress on:train ";
    private final Scan scan = new Scan();
    private StepEvent pending;
    private long lastStep = -1;
    private boolean json;

    public LevanterFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "levanter"; }

    @Override protected List<String> needles() { return List.of("\"json_logger\"", "loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (Scan.contains(s, "\"json_logger\"")) { json = true; return json(s); }
        if (json) return LineResult.IGNORED;         // the tracker's records say it all, exactly
        int i = Scan.indexOf(s, "eval loss: ", 0);
        if (i >= 0 && NanoGptFormat.wordStart(s, i)) {
            if (!scan.numberPast(s, i, "eval loss: ")) return LineResult.REJECTED;
            return withPending(StepEvent.train(Math.max(lastStep, 0), opts.lossUnit().toNats(scan.value))
                    .withPhase(Phase.EVAL));
        }
        return bar(s);
    }

    private LineResult bar(CharSequence s) {
        int p = Scan.indexOf(s, PROGRESS, 0);
        if (p >= 0) return progress(s, p + PROGRESS.length());
        int i = NanoGptFormat.skipBlanks(s, 0);
        if (!Scan.startsWith(s, i, "train:")) return LineResult.IGNORED;
        int l = Scan.indexOf(s, "loss=", i);
        int b = Scan.indexOf(s, "| ", s.toString().indexOf('|') + 1);   // after the bar: "| n/total ["
        if (l < 0 || b < 0 || !scan.integerPast(s, b, "| ") || scan.value < 1) return LineResult.IGNORED;
        long step = (long) scan.value - 1;
        if (!scan.numberPast(s, l, "loss=")) return LineResult.REJECTED;
        if (step <= lastStep) return LineResult.IGNORED;
        lastStep = step;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
    }

    /** tqdm_loggable: {@code Progress on:train 12.3kit/20.0kit rate:1.0s/it ... postfix:loss=2.95}. */
    private LineResult progress(CharSequence s, int at) {
        if (!scan.number(s, at) || scan.value < 1) return LineResult.IGNORED;
        double n = scan.value;
        int u = scan.end;
        if (u < s.length() && (s.charAt(u) == 'k' || s.charAt(u) == 'M')) n *= s.charAt(u++) == 'k' ? 1e3 : 1e6;
        if (!Scan.startsWith(s, u, "it/")) return LineResult.IGNORED;
        int l = Scan.indexOf(s, "postfix:loss=", u);
        if (l < 0) return LineResult.IGNORED;
        if (!scan.numberPast(s, l, "postfix:loss=")) return LineResult.REJECTED;
        long step = Math.round(n) - 1;
        if (step <= lastStep) return LineResult.IGNORED;
        lastStep = step;
        return LineResult.of(StepEvent.train(step, opts.lossUnit().toNats(scan.value)));
    }

    private LineResult json(CharSequence s) {
        Optional<JsonNode> o = Json.object(s);
        if (o.isEmpty()) return LineResult.REJECTED;
        JsonNode m = o.get().get("metrics");
        OptionalDouble st = Json.number(o.get(), "step");
        if (m == null || !m.isObject() || !Json.isWhole(st)) return LineResult.IGNORED;
        long step = (long) st.getAsDouble();
        OptionalDouble loss = Json.number(m, "train/loss");
        OptionalDouble tokens = Json.number(m, "throughput/total_tokens");
        OptionalDouble eval = Json.number(m, "eval/loss");
        List<StepEvent> out = new ArrayList<>(2);
        if (pending != null && (pending.step() != step || loss.isPresent())) { out.add(pending); pending = null; }
        if (loss.isPresent() && step > lastStep) {
            pending = StepEvent.train(step, opts.lossUnit().toNats(loss.getAsDouble()));
            lastStep = step;
        }
        if (Json.isWhole(tokens) && pending != null && pending.step() == step) {
            out.add(pending.withTokens((long) tokens.getAsDouble()));
            pending = null;
        }
        if (eval.isPresent()) {
            if (pending != null) { out.add(pending); pending = null; }
            out.add(StepEvent.train(step, opts.lossUnit().toNats(eval.getAsDouble())).withPhase(Phase.EVAL));
        }
        return LineResult.of(out);
    }

    private LineResult withPending(StepEvent e) {
        if (pending == null) return LineResult.of(e);
        List<StepEvent> out = List.of(pending, e);
        pending = null;
        return LineResult.of(out);
    }

    @Override
    public List<StepEvent> finish() {
        if (pending == null) return List.of();
        List<StepEvent> out = List.of(pending);
        pending = null;
        return out;
    }
}
