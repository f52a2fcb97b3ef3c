package io.joulebit.progress.format;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Lenient JSON for log lines: NaN/Infinity allowed, numbers may be quoted ("3.097"), a log prefix may precede '{'.
 * Flat objects are read by {@link FlatJson}, everything else by Jackson.
 */
final class Json {
    /** Built on first use: auto-detection touches every format, and Jackson's start-up is ~0.1 s of replay-log. */
    private static final class Holder {
        static final ObjectMapper MAPPER = JsonMapper.builder()
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .build();
    }

    static ObjectMapper mapper() { return Holder.MAPPER; }

    private Json() {}

    /** The object starting at the first '{', or empty when there is none or it does not parse. */
    static Optional<JsonNode> object(CharSequence line) {
        String s = line.toString();
        int open = s.indexOf('{');
        int close = s.lastIndexOf('}');
        if (open < 0 || close < open) return Optional.empty();
        JsonNode flat = FlatJson.parse(s, open, close + 1);
        if (flat != null) return Optional.of(flat);
        try {
            JsonNode n = Holder.MAPPER.readTree(s.substring(open, close + 1));
            return n != null && n.isObject() ? Optional.of(n) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** A number or a quoted number ("nan", "inf" included); empty when absent or not numeric. */
    static OptionalDouble number(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v == null || v.isNull()) return OptionalDouble.empty();
        if (v.isNumber()) return OptionalDouble.of(v.doubleValue());
        if (v.isTextual()) {
            Scan sc = new Scan();
            String t = v.asText().trim();
            if (sc.number(t, 0) && sc.end == t.length()) return OptionalDouble.of(sc.value);
        }
        return OptionalDouble.empty();
    }

    static boolean isWhole(OptionalDouble d) {
        return d.isPresent() && d.getAsDouble() >= 0 && d.getAsDouble() == Math.rint(d.getAsDouble())
                && d.getAsDouble() < 9.0e18;
    }
}
