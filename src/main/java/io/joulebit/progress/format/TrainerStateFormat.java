package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.util.List;

/**
 * Hugging Face {@code trainer_state.json} read as a whole document by replay-log (and by detection): lines are
 * gathered and the document is parsed at the end of the input by {@link TrainerStateReader}, which a followed
 * trainer_state.json (rewritten whole at every checkpoint) uses too. It takes part only when the first non-blank
 * line is a lone "{" (json.dumps with indent, as {@code TrainerState.save_to_json} writes) and {@code "log_history"}
 * shows within the first {@link #KEY_WITHIN} chars (keys are sorted; a dozen short ones come before it), and stops
 * gathering past {@link #MAX_CHARS}: a JSON-lines log or any other file costs it nothing.
 */
public final class TrainerStateFormat extends StepFormat {
    static final int MAX_CHARS = 256 << 20;
    static final int KEY_WITHIN = 64 << 10;
    private boolean keySeen;
    private StringBuilder doc = new StringBuilder();
    private boolean started;

    public TrainerStateFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "trainer-state"; }

    /** The file's first non-blank line decides: "{" opens the document, which then takes every line. */
    @Override protected List<String> needles() { return List.of("{"); }

    @Override protected boolean readsEveryLine() { return doc != null; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (doc == null) return LineResult.IGNORED;
        if (!started) {
            String t = s.toString().strip();
            if (t.isEmpty()) return LineResult.IGNORED;
            if (!t.equals("{")) {
                doc = null;
                return LineResult.IGNORED;
            }
            started = true;
        }
        if (doc.length() + s.length() > MAX_CHARS) {
            doc = null;
            return LineResult.IGNORED;
        }
        if (!keySeen) keySeen = Scan.indexOf(s, "\"log_history\"", 0) >= 0;
        doc.append(s.toString()).append('\n');   // a ByteLine decodes as UTF-8 here
        if (!keySeen && doc.length() > KEY_WITHIN) doc = null;
        return LineResult.IGNORED;
    }

    @Override
    public List<StepEvent> finish() {
        if (doc == null || !started) return List.of();
        String json = doc.toString();
        doc = null;
        if (!keySeen) return List.of();
        List<StepEvent> all = TrainerStateReader.parse(json, opts);
        return all == null ? List.of() : all;
    }
}
