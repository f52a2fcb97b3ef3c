package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * Hugging Face {@code trainer_state.json} read as a whole document by replay-log (and by detection): lines are
 * gathered and the document is parsed at the end of the input by {@link TrainerStateReader}, which a followed
 * trainer_state.json (rewritten whole at every checkpoint) uses too. It takes part only when the first non-blank
 * line opens a JSON object, and stops gathering past {@link #MAX_CHARS}, so other logs cost it nothing.
 */
public final class TrainerStateFormat extends StepFormat {
    static final int MAX_CHARS = 256 << 20;
    private StringBuilder doc = new StringBuilder();
    private boolean started;

    public TrainerStateFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "trainer-state"; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (doc == null) return LineResult.IGNORED;
        if (!started) {
            String t = s.toString().strip();
            if (t.isEmpty()) return LineResult.IGNORED;
            if (!t.startsWith("{")) {
                doc = null;
                return LineResult.IGNORED;
            }
            started = true;
        }
        if (doc.length() + s.length() > MAX_CHARS) doc = null;
        else doc.append(s).append('\n');
        return LineResult.IGNORED;
    }

    @Override
    public List<StepEvent> finish() {
        if (doc == null || !started) return List.of();
        String json = doc.toString();
        doc = null;
        if (!json.contains("\"log_history\"")) return List.of();
        List<StepEvent> all = TrainerStateReader.parse(json, opts);
        return all == null ? List.of() : all;
    }
}
