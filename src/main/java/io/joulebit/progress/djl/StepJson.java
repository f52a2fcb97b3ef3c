package io.joulebit.progress.djl;

import io.joulebit.progress.StepEvent;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One {@link StepEvent} as one JSON line, the body format of the sidecar's {@code POST /api/v1/steps}:
 * {@code {"step":12,"phase":"train","loss_nats":2.31,"tokens":1536,"lr":0.003,"batch_sequences":128}}.
 *
 * <p>Absent values are left out (absent is not zero). A non-finite loss is sent as the string {@code "NaN"},
 * {@code "Infinity"} or {@code "-Infinity"} (JSON has no such numbers; Jackson reads these strings into a double).
 * The receiver stamps its own monotonic time, so monoNanos is not sent.
 */
final class StepJson {
    private StepJson() {}

    static String line(StepEvent e) {
        StringBuilder sb = new StringBuilder(112);
        sb.append("{\"step\":").append(e.step());
        sb.append(",\"phase\":\"").append(e.phase().label()).append('"');
        number(sb, "loss_nats", e.lossNats());
        whole(sb, "tokens", e.tokens());
        number(sb, "lr", e.learningRate());
        whole(sb, "batch_sequences", e.batchSequences());
        return sb.append('}').toString();
    }

    private static void number(StringBuilder sb, String key, OptionalDouble v) {
        if (v.isEmpty()) {
            return;
        }
        sb.append(",\"").append(key).append("\":");
        double d = v.getAsDouble();
        if (Double.isFinite(d)) {
            sb.append(d); // Double.toString is valid JSON for finite values (e.g. 3.0E-4)
        } else {
            sb.append('"').append(d).append('"');
        }
    }

    private static void whole(StringBuilder sb, String key, OptionalLong v) {
        if (v.isPresent()) {
            sb.append(",\"").append(key).append("\":").append(v.getAsLong());
        }
    }
}
