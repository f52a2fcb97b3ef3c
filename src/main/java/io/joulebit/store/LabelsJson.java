package io.joulebit.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's labels as the runs table keeps them (labels_json): one JSON object of strings, written and read with
 * jackson-core's streaming API, in the form databind's ObjectMapper wrote. Not the ObjectMapper itself: for this one
 * map (written when a run starts, read when it resumes) it loaded ~330 classes of serializers, deserializers and
 * introspection into every sidecar with a store (bench/README.md, issue 28).
 */
final class LabelsJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LabelsJson() {}

    static String write(Map<String, String> labels) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : labels.entrySet()) g.writeStringField(e.getKey(), e.getValue());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * @throws IOException when the text is not one JSON object whose values are strings (numbers and booleans read
     *         as their text)
     */
    static Map<String, String> read(String json) throws IOException {
        if (json == null) throw new IOException("no labels_json");
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new JsonParseException(p, "not a JSON object");
            Map<String, String> labels = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken value = p.nextToken();
                if (!value.isScalarValue() || value == JsonToken.VALUE_NULL) { // the parser throws at a cut-off end
                    throw new JsonParseException(p, "label " + key + " is not a string");
                }
                labels.put(key, p.getText());
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new JsonParseException(p, "not one JSON object");
            }
            return labels;
        }
    }
}
