package io.joulebit.progress.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Generic JSON lines with configured field names (default step/loss/tokens/lr). A {@code phase} or {@code split}
 * field of eval/val/valid/validation/test makes an eval point.
 * No framework of its own: the shape W&B/MLflow exports and hand-written loggers share (one object per step).
 */
public final class JsonlFormat extends StepFormat {
    public JsonlFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "jsonl"; }

    @Override protected List<String> needles() { return List.of("{"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (!looksLikeObject(s)) return LineResult.IGNORED;
        Optional<JsonNode> o = Json.object(s);
        if (o.isEmpty()) return LineResult.IGNORED;
        JsonNode n = o.get();
        if (!n.has(opts.stepField()) || !n.has(opts.lossField())) return LineResult.IGNORED;
        OptionalDouble step = Json.number(n, opts.stepField());
        OptionalDouble loss = Json.number(n, opts.lossField());
        if (!Json.isWhole(step) || loss.isEmpty()) return LineResult.REJECTED;
        OptionalDouble tk = Json.number(n, opts.tokensField());
        OptionalLong tokens = Json.isWhole(tk) ? OptionalLong.of((long) tk.getAsDouble()) : OptionalLong.empty();
        return LineResult.of(new StepEvent((long) step.getAsDouble(),
                OptionalDouble.of(opts.lossUnit().toNats(loss.getAsDouble())), tokens, Json.number(n, opts.lrField()),
                OptionalLong.empty(), 0L, phase(n)));
    }

    /**
     * A '{' before a later '}': decided here, not in {@link Json}, whose linking loads Jackson's node classes (~10 ms
     * cold), so the lines of a prelude never touch Jackson during detection.
     */
    private static boolean looksLikeObject(CharSequence line) {
        String s = line.toString();
        int open = s.indexOf('{');
        return open >= 0 && s.lastIndexOf('}') > open;
    }

    private static Phase phase(JsonNode n) {
        JsonNode p = n.has("phase") ? n.get("phase") : n.get("split");
        if (p == null || !p.isTextual()) return Phase.TRAIN;
        return switch (p.asText().toLowerCase(Locale.ROOT)) {
            case "eval", "val", "valid", "validation", "test" -> Phase.EVAL;
            default -> Phase.TRAIN;
        };
    }
}
