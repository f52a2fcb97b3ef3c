package io.joulebit.progress.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The common shape of a metrics line, a flat object of plain strings, numbers, booleans and nulls, read without
 * Jackson's parser: the sidecar reads every line of a growing log, and building a parser per line was most of its
 * tail thread's CPU (bench/README.md). It builds exactly the tree Jackson's {@code readTree} builds (IntNode, LongNode,
 * DoubleNode, TextNode; a repeated key keeps its first position and its last value) and gives up, returning null,
 * on anything else: nesting, escapes, NaN/Infinity, leading zeros, very long numbers or strings, comments, trailing
 * text. Then {@link Json} asks Jackson, so a line is never classified differently from Jackson's reading of it
 * ({@code FlatJsonTest} checks the two agree on generated and mutated lines).
 */
final class FlatJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Longer strings or numbers go to Jackson, whose stream constraints decide about them. */
    private static final int MAX_TOKEN = 1000;

    private final String s;
    private final int end;
    private int i;

    private FlatJson(String s, int from, int end) {
        this.s = s;
        this.i = from;
        this.end = end;
    }

    /** The object in {@code s[from, end)}, which must start with '{' and end with '}'; null: ask Jackson. */
    static ObjectNode parse(String s, int from, int end) {
        return new FlatJson(s, from, end).object();
    }

    private ObjectNode object() {
        if (!eat('{')) return null;
        ObjectNode o = NODES.objectNode();
        skipSpace();
        if (eat('}')) return atEnd() ? o : null;
        while (true) {
            skipSpace();
            String key = string();
            if (key == null) return null;
            skipSpace();
            if (!eat(':')) return null;
            skipSpace();
            JsonNode v = value();
            if (v == null) return null;
            o.set(key, v);
            skipSpace();
            if (eat('}')) return atEnd() ? o : null;
            if (!eat(',')) return null;
        }
    }

    private boolean atEnd() { return i == end; }

    private boolean eat(char c) {
        if (i < end && s.charAt(i) == c) {
            i++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (i < end) {
            char c = s.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            i++;
        }
    }

    /** A '"' or '\'' string (the lenient reader allows single quotes) without escapes or control characters. */
    private String string() {
        if (i >= end) return null;
        char q = s.charAt(i);
        if (q != '"' && q != '\'') return null;
        int start = ++i;
        while (i < end) {
            char c = s.charAt(i);
            if (c == q) {
                if (i - start > MAX_TOKEN) return null;
                return s.substring(start, i++);
            }
            if (c == '\\' || c < 0x20) return null;
            i++;
        }
        return null;
    }

    private JsonNode value() {
        if (i >= end) return null;
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
            String t = string();
            return t == null ? null : NODES.textNode(t);
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (word("true")) return NODES.booleanNode(true);
        if (word("false")) return NODES.booleanNode(false);
        if (word("null")) return NODES.nullNode();
        return null;
    }

    /** A literal followed by something that cannot continue it (else Jackson reports it as unrecognized). */
    private boolean word(String w) {
        if (!s.startsWith(w, i)) return false;
        int after = i + w.length();
        if (after < end && Character.isJavaIdentifierPart(s.charAt(after))) return false;
        i = after;
        return true;
    }

    /** Strict JSON number grammar; an integer of up to 18 digits becomes an int or long node like Jackson's. */
    private JsonNode number() {
        int start = i;
        eat('-');
        int intStart = i;
        if (eat('0')) {
            if (i < end && isDigit(s.charAt(i))) return null; // leading zero: Jackson refuses
        } else if (!digits()) {
            return null;
        }
        int intDigits = i - intStart;
        boolean integral = true;
        if (eat('.')) {
            integral = false;
            if (!digits()) return null;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            integral = false;
            i++;
            if (!eat('+')) eat('-');
            if (!digits()) return null;
        }
        if (i < end && (Character.isJavaIdentifierPart(s.charAt(i)) || s.charAt(i) == '.')) return null;
        if (i - start > MAX_TOKEN) return null;
        String text = s.substring(start, i);
        if (!integral) return NODES.numberNode(Double.parseDouble(text));
        if (intDigits > 18) return null; // BigInteger territory: Jackson's own rules
        long v = Long.parseLong(text);
        return v == (int) v ? NODES.numberNode((int) v) : NODES.numberNode(v);
    }

    private boolean digits() {
        int start = i;
        while (i < end && isDigit(s.charAt(i))) i++;
        return i > start;
    }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }
}
