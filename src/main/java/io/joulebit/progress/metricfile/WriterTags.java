package io.joulebit.progress.metricfile;

import io.joulebit.progress.format.LossUnit;

import java.util.List;
import java.util.Optional;

/**
 * Which series is the training loss, per writer, recognised by the loss tag it writes. Checked in this order, the
 * first whose loss tag has appeared wins; only the chosen series become steps, so aggregates other series carry
 * (HF's end-of-run train/train_loss, Lightning's hp_metric and *_epoch means, Megatron's "... vs samples" copies
 * on a second axis, fairseq's per-epoch train/loss) never enter the curve.
 * Sources (tag names as the writers' code spells them): transformers integration_callbacks TensorBoardCallback
 * (rewrite_logs: train/, eval/ prefixes) and MLflowCallback (raw keys); Lightning self.log (on_step/on_epoch add
 * _step/_epoch); Megatron-LM training_log and evaluate_and_print_results; NeMo MegatronGPTModel; fairseq
 * TensorboardProgressBarWrapper (one writer per split: train_inner, train, valid; loss in bits); Keras TensorBoard
 * callback (train/ and validation/ writers; epoch_ and batch_ prefixes); torchtitan MetricsProcessor; PyTorch's
 * TensorBoard tutorial (Loss/train, Loss/test).
 */
public final class WriterTags {
    private record Profile(String writer, String loss, String eval, String tokens, String samples, String lr,
                           LossUnit unit, String stepAxis) {}

    private static final LossUnit NATS = LossUnit.NATS;
    private static final List<Profile> TABLE = List.of(
            new Profile("hf-trainer", "train/loss", "eval/loss", "train/num_input_tokens_seen", null,
                    "train/learning_rate", NATS, "global step"),
            new Profile("fairseq", "train_inner/loss", "valid/loss", null, null, "train_inner/lr", LossUnit.BITS,
                    "num_updates"),
            new Profile("keras", "train/batch_loss", "validation/epoch_loss", null, null, null, NATS, "batch"),
            new Profile("keras", "train/epoch_loss", "validation/epoch_loss", null, null, null, NATS, "epoch"),
            new Profile("megatron", "lm loss", "lm loss validation", null, null, "learning-rate", NATS, "iteration"),
            new Profile("nemo", "reduced_train_loss", "val_loss", null, "consumed_samples", "lr", NATS,
                    "global step"),
            new Profile("torchtitan", "loss_metrics/global_avg_loss", "validation_metrics/loss", null, null, null,
                    NATS, "step"),
            new Profile("lightning", "train_loss_step", "val_loss", null, null, null, NATS, "global step"),
            new Profile("lightning", "train_loss", "val_loss", null, null, null, NATS, "global step"),
            new Profile("pytorch", "Loss/train", "Loss/test", null, null, null, NATS, "step"),
            new Profile("hf-trainer-mlflow", "loss", "eval_loss", "num_input_tokens_seen", null, "learning_rate",
                    NATS, "global step"));

    private WriterTags() {}

    /** All loss tags the table knows, for a message when none appears. */
    public static List<String> lossTags() { return TABLE.stream().map(Profile::loss).distinct().toList(); }

    /**
     * The writer whose loss tag is {@code key}, with the overrides applied; a user-named loss tag chooses at once.
     *
     * @param unit the configured loss unit, used unless the writer fixes its own (fairseq: bits)
     */
    public static Optional<TagSet> choose(String key, TagOverrides o, LossUnit unit) {
        if (o.loss() != null) {
            if (!o.loss().equals(key)) return Optional.empty();
            return Optional.of(new TagSet("configured", o.loss(), o.eval(), o.tokens(), null, null, unit, "as written",
                    "loss tag given by --loss-tag/progress.log.loss_tag"));
        }
        for (Profile p : TABLE) {
            if (!p.loss().equals(key)) continue;
            LossUnit u = p.unit() == LossUnit.BITS ? LossUnit.BITS : unit;
            String why = "tag \"" + key + "\" is " + p.writer() + "'s training loss"
                    + (u == LossUnit.BITS ? ", logged in bits" : "")
                    + (o.eval() != null || o.tokens() != null ? "; eval/tokens tags as configured" : "");
            return Optional.of(new TagSet(p.writer(), p.loss(), o.eval() != null ? o.eval() : p.eval(),
                    o.tokens() != null ? o.tokens() : p.tokens(), p.samples(), p.lr(), u, p.stepAxis(), why));
        }
        return Optional.empty();
    }
}
