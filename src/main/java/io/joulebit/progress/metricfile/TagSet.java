package io.joulebit.progress.metricfile;

import io.joulebit.progress.format.LossUnit;

import java.util.Locale;

/**
 * The series a run's steps are built from, and why they were chosen. Any but {@code loss} may be null.
 *
 * @param writer   which writer's naming the tags matched ("hf-trainer", "lightning", ..., "configured")
 * @param samples  a cumulative consumed-samples series (tokens = samples × seq-len, as for log lines)
 * @param stepAxis what the writer's step counts, printed with the choice (the axis is kept as written)
 */
public record TagSet(String writer, String loss, String eval, String tokens, String samples, String lr,
                     LossUnit unit, String stepAxis, String reason) {
    public String describe() {
        return "writer=" + writer + " loss_tag=" + q(loss) + " eval_tag=" + q(eval) + " tokens_tag=" + q(tokens)
                + (samples == null ? "" : " samples_tag=" + q(samples)) + " unit=" + unit.name().toLowerCase(
                Locale.ROOT) + " step_axis=" + stepAxis.replace(' ', '_') + " (" + reason + ")";
    }

    private static String q(String s) { return s == null ? "-" : "\"" + s + "\""; }
}
