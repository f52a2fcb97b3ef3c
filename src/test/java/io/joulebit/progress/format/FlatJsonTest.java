package io.joulebit.progress.format;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The flat-object reader builds exactly Jackson's tree, or hands the line to Jackson. */
class FlatJsonTest {
    /** Jackson's reading, as Json.object did it before the flat path: null when it does not parse to an object. */
    private static JsonNode jackson(String s) {
        try {
            JsonNode n = Json.mapper().readTree(s);
            return n != null && n.isObject() ? n : null;
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode flat(String s) { return FlatJson.parse(s, 0, s.length()); }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"step\": 10, \"loss\": 3.25, \"tokens\": 5242880, \"lr\": 0.0003}",
        "{}", "{ }", "{\"a\":1}", "{'loss': 2.5, 'epoch': 0.01}", "{\"a\": \"it's\"}", "{'a': \"q'\"}",
        "{\"a\": 2147483647, \"b\": 2147483648, \"c\": -2147483648, \"d\": -2147483649}",
        "{\"a\": 999999999999999999, \"b\": -0, \"c\": -0.0, \"d\": 0}",
        "{\"a\": 1e5, \"b\": 1E-3, \"c\": 2.5e+2, \"d\": 1e400, \"e\": 4.9e-325, \"f\": 0.1}",
        "{\"a\": true, \"b\": false, \"c\": null, \"d\": \"\"}",
        "{\"a\": 1, \"a\": 2, \"b\": 3}", "{\"a\":1,\"b\":\"x\"}", "{\t\"a\"\t:\t1\t}",
        "{\"phase\": \"eval\", \"split\": \"val\", \"msg\": \"ünïcödé ✓\"}",
    })
    void commonShapesAreReadByTheFlatPathAsJacksonReadsThem(String line) {
        assertThat(flat(line)).as("flat path taken").isNotNull();
        assertThat(flat(line)).isEqualTo(jackson(line));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\": {\"b\": 1}}", "{'a': \"q\\\"\"}", "{\"a\": [1, 2]}", "{\"a\": \"x\\ny\"}", "{\"a\": NaN}", "{\"a\": Infinity}",
        "{\"a\": -Infinity}", "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": .5}", "{\"a\": +1}", "{\"a\": 1x}",
        "{\"a\": truex}", "{a: 1}", "{\"a\" 1}", "{\"a\": 1,}", "{\"a\": 1} {\"b\": 2}", "{\"a\": 1}}",
        "{\"a\": 12345678901234567890}", "{\"a\": \"tab\there\"}", "{\"a\": 1 /* c */}", "{\"a\": 1\f}",
        "{\"a\": -}", "{\"a\": 1e}", "{\"a\": 1e+}", "{,}", "{\"a\":}", "{\"a\": nul}",
    })
    void anythingElseGoesToJackson(String line) {
        assertThat(flat(line)).isNull();
    }

    @Test
    void generatedAndMutatedLinesAgreeWithJackson() {
        Random r = new Random(20261202L);
        int flatTaken = 0;
        for (int n = 0; n < 200_000; n++) {
            String line = mutate(r, generate(r));
            JsonNode f = flat(line);
            if (f == null) continue;
            flatTaken++;
            assertThat(f).as("line %s", line).isEqualTo(jackson(line));
        }
        assertThat(flatTaken).as("lines the flat path read").isGreaterThan(50_000);
    }

    private static final String[] KEYS = {"step", "loss", "tokens", "lr", "phase", "a", "", "ü", "it's", "x y"};
    private static final String[] ATOMS = {"0", "-0", "1", "-1", "7", "12", "2147483647", "2147483648", "-2147483649",
        "9223372036854775807", "999999999999999999", "0.5", "-0.0", "3.0970", "1e5", "1E-7", "2.5e+3", "1e400",
        "1e-400", "6.02214076e23", "true", "false", "null", "\"eval\"", "\"\"", "'train'", "\"3.097\"", "\"ünï\""};
    private static final String[] NOISE = {" ", "\t", ",", ":", "\"", "'", "{", "}", "[", "0", "1", ".", "e", "-",
        "+", "\\", "x", "\u0001", "NaN", "n"};

    private static String generate(Random r) {
        StringBuilder b = new StringBuilder("{");
        int members = r.nextInt(6);
        for (int m = 0; m < members; m++) {
            if (m > 0) b.append(r.nextInt(8) == 0 ? " , " : ",");
            char q = r.nextInt(5) == 0 ? '\'' : '"';
            b.append(r.nextInt(4) == 0 ? " " : "").append(q).append(KEYS[r.nextInt(KEYS.length)].replace(
                    String.valueOf(q), "")).append(q).append(r.nextBoolean() ? ": " : ":");
            if (r.nextInt(3) == 0) b.append(r.nextInt(1_000_000) * (r.nextBoolean() ? 1 : -1));
            else if (r.nextInt(3) == 0) b.append(r.nextDouble() * Math.pow(10, r.nextInt(40) - 20));
            else b.append(ATOMS[r.nextInt(ATOMS.length)]);
        }
        return b.append(r.nextInt(6) == 0 ? " }" : "}").toString();
    }

    private static String mutate(Random r, String s) {
        StringBuilder b = new StringBuilder(s);
        int edits = r.nextInt(3);
        for (int e = 0; e < edits && b.length() > 2; e++) {
            int at = 1 + r.nextInt(b.length() - 2); // keep the outer braces: the slice Json.object hands over
            switch (r.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, NOISE[r.nextInt(NOISE.length)]);
                default -> b.setCharAt(at, NOISE[r.nextInt(NOISE.length)].charAt(0));
            }
        }
        return b.toString();
    }
}
