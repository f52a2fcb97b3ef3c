package io.joulebit.progress.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * fairseq {@code --log-format json}: {@code | INFO | train_inner | {"epoch": 1, "loss": "13.502", "nll_loss":
 * "13.502", "ppl": "11605.9", ..., "num_updates": "100", "lr": "1.25e-05"}} and valid objects with valid_-prefixed
 * keys. Losses are base-2 (BITS); nll_loss preferred. Epoch summaries (train_-prefixed keys) are ignored.
 * Source: facebookresearch/fairseq {@code fairseq/logging/progress_bar.py} (v0.10–0.12), {@code
 * JsonProgressBar.log/print}: {@code json.dumps} of the stats, each number formatted as a string by {@code
 * format_stat}; the tag ({@code train_inner}, {@code valid}, {@code train}) is the logger name.
 */
public final class FairseqJsonFormat extends StepFormat {
    private long lastStep;

    public FairseqJsonFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "fairseq-json"; }

    @Override protected List<String> needles() { return List.of("loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (!Scan.contains(s, "loss")) return LineResult.IGNORED;
        if (s.toString().indexOf('{') < 0) return LineResult.IGNORED;
        Optional<JsonNode> o = Json.object(s);
        if (o.isEmpty()) return LineResult.REJECTED;
        JsonNode n = o.get();
        if (n.has("valid_loss") || n.has("valid_nll_loss")) {
            OptionalDouble u = Json.number(n, "valid_num_updates");
            if (u.isEmpty()) u = Json.number(n, "num_updates");
            long step = Json.isWhole(u) ? (long) u.getAsDouble() : lastStep;
            OptionalDouble loss = first(n, "valid_nll_loss", "valid_loss");
            if (loss.isEmpty()) return LineResult.REJECTED;
            return LineResult.of(StepEvent.train(step, LossUnit.BITS.toNats(loss.getAsDouble())).withPhase(Phase.EVAL));
        }
        if (!n.has("num_updates") || !(n.has("loss") || n.has("nll_loss"))) return LineResult.IGNORED;
        OptionalDouble u = Json.number(n, "num_updates");
        OptionalDouble loss = first(n, "nll_loss", "loss");
        if (!Json.isWhole(u) || loss.isEmpty()) return LineResult.REJECTED;
        lastStep = (long) u.getAsDouble();
        StepEvent e = StepEvent.train(lastStep, LossUnit.BITS.toNats(loss.getAsDouble()));
        OptionalDouble lr = Json.number(n, "lr");
        return LineResult.of(lr.isPresent() ? e.withLearningRate(lr.getAsDouble()) : e);
    }

    private static OptionalDouble first(JsonNode n, String a, String b) {
        OptionalDouble v = Json.number(n, a);
        return v.isPresent() ? v : Json.number(n, b);
    }
}
