package io.joulebit.progress.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import io.joulebit.progress.StepEvent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The one JSON shape of a {@link StepEvent}: its field names, the line the DJL listener posts to
 * {@code POST /api/v1/steps} ({@link #line}), read back strictly by {@link StepEventReader}, and the names replay-log's
 * writer ({@code io.joulebit.progress.replay.StepJsonWriter}) prints. Written with Jackson's generator and its fast
 * (Schubfach) double writer:
 * {@code {"step":12,"phase":"train","loss_nats":2.31,"tokens":1536,"lr":0.003,"batch_sequences":128}}.
 *
 * <p>Absent values are left out (absent is not zero). A non-finite loss is written as the string {@code "NaN"},
 * {@code "Infinity"} or {@code "-Infinity"} (JSON has no such numbers; Jackson reads these strings into a double).
 * The receiver stamps its own monotonic time, so monoNanos is not sent.
 */
public final class StepEventJson {
    public static final String STEP = "step";
    public static final String PHASE = "phase";
    public static final String LOSS_NATS = "loss_nats";
    public static final String LOSS_BITS = "loss_bits";
    public static final String TOKENS = "tokens";
    public static final String LR = "lr";
    public static final String BATCH_SEQUENCES = "batch_sequences";
    public static final String TIMESTAMP = "timestamp";
    /** Every field a posted object may hold. */
    public static final List<String> FIELDS =
            List.of(STEP, PHASE, LOSS_NATS, LOSS_BITS, TOKENS, LR, BATCH_SEQUENCES, TIMESTAMP);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

    private StepEventJson() {}

    /** One event as one JSON object, without a newline. */
    public static String line(StepEvent e) {
        SegmentedStringWriter w = new SegmentedStringWriter(FACTORY._getBufferRecycler());
        try {
            try (JsonGenerator g = FACTORY.createGenerator(w)) {
                write(g, e);
            }
            return w.getAndClear();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);         // not reachable: the writer is in memory
        }
    }

    /** Writes one event as one object through {@code g}. */
    public static void write(JsonGenerator g, StepEvent e) throws IOException {
        g.writeStartObject();
        g.writeNumberField(STEP, e.step());
        g.writeStringField(PHASE, e.phase().label());
        number(g, LOSS_NATS, e.lossNats());
        whole(g, TOKENS, e.tokens());
        number(g, LR, e.learningRate());
        whole(g, BATCH_SEQUENCES, e.batchSequences());
        g.writeEndObject();
    }

    private static void number(JsonGenerator g, String key, OptionalDouble v) throws IOException {
        if (v.isPresent()) g.writeNumberField(key, v.getAsDouble());   // non-finite: a string (WRITE_NAN_AS_STRINGS)
    }

    private static void whole(JsonGenerator g, String key, OptionalLong v) throws IOException {
        if (v.isPresent()) g.writeNumberField(key, v.getAsLong());
    }
}
