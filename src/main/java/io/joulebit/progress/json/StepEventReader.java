package io.joulebit.progress.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import java.util.Iterator;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import static io.joulebit.progress.json.StepEventJson.BATCH_SEQUENCES;
import static io.joulebit.progress.json.StepEventJson.LOSS_BITS;
import static io.joulebit.progress.json.StepEventJson.LOSS_NATS;
import static io.joulebit.progress.json.StepEventJson.LR;
import static io.joulebit.progress.json.StepEventJson.PHASE;
import static io.joulebit.progress.json.StepEventJson.STEP;
import static io.joulebit.progress.json.StepEventJson.TIMESTAMP;
import static io.joulebit.progress.json.StepEventJson.TOKENS;

/**
 * One posted object ({@link StepEventJson}'s shape) → a StepEvent, strictly: unknown fields, wrong types and
 * out-of-range values are refused with a message naming the field. Optional fields may be null, meaning absent.
 */
public final class StepEventReader {
    private static final double LN2 = Math.log(2);
    private static final int SHOWN_CHARS = 40;

    /** The reason an element was refused, without its location (the body parser adds that). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) { super(message, null, false, false); }
    }

    private StepEventReader() {}

    public static StepEvent read(JsonNode node) throws Invalid {
        if (!node.isObject()) throw new Invalid("expected an object, got " + shown(node));
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!StepEventJson.FIELDS.contains(name)) throw new Invalid("unknown field " + quoted(name) + " (known: "
                    + String.join(", ", StepEventJson.FIELDS) + ")");
        }
        if (node.has(LOSS_NATS) && node.has(LOSS_BITS)) {
            throw new Invalid("fields \"loss_nats\" and \"loss_bits\" are mutually exclusive");
        }
        JsonNode step = node.get(STEP);
        if (step == null) throw new Invalid("field \"step\" is required");
        long stepNumber = integer(STEP, step, 0).orElseThrow(() -> new Invalid("field \"step\" is required, got null"));
        OptionalDouble loss = number(LOSS_NATS, node.get(LOSS_NATS));
        if (node.has(LOSS_BITS)) {
            OptionalDouble bits = number(LOSS_BITS, node.get(LOSS_BITS));
            loss = bits.isPresent() ? OptionalDouble.of(bits.getAsDouble() * LN2) : bits;
        }
        OptionalLong tokens = integer(TOKENS, node.get(TOKENS), 0);
        OptionalDouble lr = number(LR, node.get(LR));
        OptionalLong batch = integer(BATCH_SEQUENCES, node.get(BATCH_SEQUENCES), 1);
        number(TIMESTAMP, node.get(TIMESTAMP)); // validated only: timing comes from the receiver's clock
        return new StepEvent(stepNumber, loss, tokens, lr, batch, 0L, phase(node.get(PHASE)));
    }

    private static Phase phase(JsonNode value) throws Invalid {
        if (value == null || value.isNull()) return Phase.TRAIN;
        if (value.isTextual() && value.textValue().equals("train")) return Phase.TRAIN;
        if (value.isTextual() && value.textValue().equals("eval")) return Phase.EVAL;
        throw new Invalid("field \"phase\": expected \"train\" or \"eval\", got " + shown(value));
    }

    /** A finite number >= 0, or empty when absent or null. */
    private static OptionalDouble number(String field, JsonNode value) throws Invalid {
        if (value == null || value.isNull()) return OptionalDouble.empty();
        if (!value.isNumber()) throw new Invalid(field(field) + "expected a number, got " + shown(value));
        double d = value.doubleValue();
        if (!Double.isFinite(d)) throw new Invalid(field(field) + "number out of range (beyond a double)");
        if (d < 0) throw new Invalid(field(field) + "expected a number >= 0, got " + shown(value));
        return OptionalDouble.of(d);
    }

    /** An integer >= min that fits 64 bits, or empty when absent or null. */
    private static OptionalLong integer(String field, JsonNode value, long min) throws Invalid {
        if (value == null || value.isNull()) return OptionalLong.empty();
        if (!value.isIntegralNumber()) throw new Invalid(field(field) + "expected an integer, got " + shown(value));
        if (!value.canConvertToLong()) throw new Invalid(field(field) + "integer out of range, got " + shown(value));
        long v = value.longValue();
        if (v < min) throw new Invalid(field(field) + "expected an integer >= " + min + ", got " + v);
        return OptionalLong.of(v);
    }

    private static String field(String name) { return "field " + quoted(name) + ": "; }

    private static String quoted(String name) { return shown(TextNode.valueOf(name)); }

    /** The value as JSON text, cut short so a huge value does not flood the error. */
    static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "...";
    }
}
