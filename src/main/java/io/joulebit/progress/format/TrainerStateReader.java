package io.joulebit.progress.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Hugging Face {@code trainer_state.json}: rewritten whole at every checkpoint, so it is re-read when its size or
 * modification time changes and only entries with a step beyond the last one emitted (per phase) come out.
 * {@code log_history} entries with {@code loss} are train points, with {@code eval_loss} eval points. Written by
 * transformers' {@code Trainer._save_checkpoint} via {@code TrainerState.save_to_json} (trainer_callback.py, v4.x):
 * {@code json.dumps(dataclasses.asdict(self), indent=2, sort_keys=True)}, each {@code log_history} entry being the
 * dict passed to {@code Trainer.log} plus {@code step} (and {@code epoch}, {@code num_input_tokens_seen} when
 * {@code include_num_input_tokens_seen} is on).
 */
public final class TrainerStateReader {
    private final Path file;
    private final FormatOptions opts;
    private FileTime lastModified;
    private long lastSize = -1;
    private long lastTrain = -1;
    private long lastEval = -1;

    public TrainerStateReader(Path file, FormatOptions opts) {
        this.file = file;
        this.opts = opts;
    }

    /** New events since the last call; empty when unchanged, missing, or half-written (it is read again next time). */
    public List<StepEvent> poll() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (a.size() == lastSize && a.lastModifiedTime().equals(lastModified)) return List.of();
            List<StepEvent> all = parse(Files.readString(file));
            if (all == null) return List.of();      // torn write: keep the old stamp so it is retried
            lastSize = a.size();
            lastModified = a.lastModifiedTime();
            List<StepEvent> fresh = new ArrayList<>();
            for (StepEvent e : all) {
                if (e.phase() == Phase.TRAIN && e.step() > lastTrain) { fresh.add(e); lastTrain = e.step(); }
                else if (e.phase() == Phase.EVAL && e.step() > lastEval) { fresh.add(e); lastEval = e.step(); }
            }
            return fresh;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Every event in the document in order, or null when it is not a readable trainer state. */
    public List<StepEvent> parse(String json) { return parse(json, opts); }

    /** The document read by replay-log ({@link TrainerStateFormat}) and by a followed file alike. */
    static List<StepEvent> parse(String json, FormatOptions opts) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.path("log_history").isArray()) return null;
        List<StepEvent> out = new ArrayList<>();
        for (JsonNode h : root.get("log_history")) {
            OptionalDouble step = Json.number(h, "step");
            if (!Json.isWhole(step)) continue;
            boolean eval = h.has("eval_loss");
            OptionalDouble loss = Json.number(h, eval ? "eval_loss" : "loss");
            if (loss.isEmpty()) continue;                 // summaries (train_loss, train_runtime) are not steps
            OptionalDouble tk = Json.number(h, "num_input_tokens_seen");
            out.add(new StepEvent((long) step.getAsDouble(), OptionalDouble.of(opts.lossUnit().toNats(loss.getAsDouble())),
                    Json.isWhole(tk) ? OptionalLong.of((long) tk.getAsDouble()) : OptionalLong.empty(),
                    Json.number(h, "learning_rate"), OptionalLong.empty(), 0L, eval ? Phase.EVAL : Phase.TRAIN));
        }
        return out;
    }
}
