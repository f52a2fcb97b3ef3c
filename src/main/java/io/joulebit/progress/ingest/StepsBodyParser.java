package io.joulebit.progress.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.json.StepEventReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of {@code POST /api/v1/steps}: one JSON object, a JSON array of objects, or JSON lines (objects
 * separated by whitespace). All or nothing: the first bad element makes the whole body a {@link
 * StepsBodyResult.BadRequest} whose reason names where (array: {@code element i}, 0-based; otherwise {@code line n},
 * 1-based, where the object starts) and what, e.g. {@code element 3: field "loss_nats": expected a number, got "abc"}.
 * Fields and their rules: {@link StepEventReader}. Thread-safe.
 *
 * <pre>{@code
 * StepsBodyParser parser = new StepsBodyParser(1 << 20, 10_000);
 * switch (parser.parse(exchange.getRequestBody())) { ... }
 * }</pre>
 */
public final class StepsBodyParser {
    private static final JsonFactory JSON =
            JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper MAPPER = new ObjectMapper(JSON);

    private final int maxBodyBytes;
    private final int maxEvents;

    public StepsBodyParser(int maxBodyBytes, int maxEvents) {
        if (maxBodyBytes <= 0 || maxEvents <= 0) throw new IllegalArgumentException("limits must be > 0");
        this.maxBodyBytes = maxBodyBytes;
        this.maxEvents = maxEvents;
    }

    /** Reads at most maxBodyBytes + 1 bytes, so an oversized body is refused without being held. */
    public StepsBodyResult parse(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(maxBodyBytes + 1L, Integer.MAX_VALUE - 8));
        if (bytes.length > maxBodyBytes) return tooBig();
        return parse(bytes);
    }

    public StepsBodyResult parse(byte[] body) {
        if (body.length > maxBodyBytes) return tooBig();
        try (JsonParser p = JSON.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) return bad("empty body: expected a JSON object, an array of objects, or JSON lines");
            List<StepEvent> events = new ArrayList<>();
            if (first == JsonToken.START_ARRAY) {
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (events.size() == maxEvents) return tooMany();
                    StepsBodyResult failed = readOne(p, "element " + events.size(), events);
                    if (failed != null) return failed;
                }
                if (p.nextToken() != null) return bad("unexpected content after the array at " + where(p));
            } else {
                for (JsonToken t = first; t != null; t = p.nextToken()) {
                    if (events.size() == maxEvents) return tooMany();
                    StepsBodyResult failed = readOne(p, "line " + p.currentTokenLocation().getLineNr(), events);
                    if (failed != null) return failed;
                }
            }
            if (events.isEmpty()) return bad("no events in the body");
            return new StepsBodyResult.Accepted(events);
        } catch (JsonProcessingException e) {
            return bad("invalid JSON at " + where(e.getLocation()) + ": " + e.getOriginalMessage());
        } catch (IOException e) { // not reachable for an in-memory body; kept for the parser's signature
            return bad("unreadable body: " + e.getMessage());
        }
    }

    /** Reads the value at the current token; adds its event, or returns why it is refused. */
    private static StepsBodyResult readOne(JsonParser p, String label, List<StepEvent> events) throws IOException {
        JsonNode node = MAPPER.readTree(p);
        if (node == null) node = NullNode.getInstance();
        try {
            events.add(StepEventReader.read(node));
            return null;
        } catch (StepEventReader.Invalid e) {
            return bad(label + ": " + e.getMessage());
        }
    }

    private static String where(JsonParser p) { return where(p.currentTokenLocation()); }

    private static String where(JsonLocation loc) {
        return loc == null ? "an unknown position" : "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static StepsBodyResult bad(String reason) { return new StepsBodyResult.BadRequest(reason); }

    private StepsBodyResult tooBig() {
        return new StepsBodyResult.TooLarge("body exceeds the limit of " + maxBodyBytes + " bytes");
    }

    private StepsBodyResult tooMany() {
        return new StepsBodyResult.TooLarge("more than " + maxEvents + " events in one request");
    }
}
