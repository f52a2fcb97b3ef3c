package io.joulebit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The project's one databind mapper with Jackson's defaults, for the JSON it writes (the API routes, the CLI's and the
 * audit's reports) and the Prometheus answers it reads: one set of serializer caches instead of one per class. Made on
 * first use, so a sidecar nobody asks for JSON loads none of databind's serializers (issue 28). Readers with rules of
 * their own keep their own: log lines (lenient), pushed steps (duplicate keys refused), step events and run labels
 * (jackson-core's streaming API).
 */
public final class SharedMapper {
    private SharedMapper() {}

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();
    }

    /** Thread-safe; not to be reconfigured (every user shares it). */
    public static ObjectMapper get() { return Holder.MAPPER; }

    /** Indented output, as Jackson's default pretty printer writes it. */
    public static ObjectWriter pretty() { return Holder.PRETTY; }

    /** A tree built in code (strings, numbers, booleans, nulls) as indented text with a final newline. */
    public static String prettyLine(JsonNode tree) {
        try {
            return Holder.PRETTY.writeValueAsString(tree) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // such a tree always serializes
        }
    }
}
