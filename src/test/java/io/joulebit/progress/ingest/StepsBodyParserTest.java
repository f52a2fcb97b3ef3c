package io.joulebit.progress.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StepsBodyParserTest {
    private static final String KNOWN = " (known: step, phase, loss_nats, loss_bits, tokens, lr, batch_sequences, timestamp)";
    private final StepsBodyParser parser = new StepsBodyParser(64 * 1024, 100);

    private static StepEvent step(long n) {
        return new StepEvent(n, OptionalDouble.empty(), OptionalLong.empty(), OptionalDouble.empty(),
                OptionalLong.empty(), 0L, Phase.TRAIN);
    }

    private StepsBodyResult parse(String body) { return parser.parse(body.getBytes(StandardCharsets.UTF_8)); }

    static Stream<Arguments> goodBodies() {
        return Stream.of(
                Arguments.of("minimal object", "{\"step\": 1}", List.of(step(1))),
                Arguments.of("every field", "{\"step\": 5, \"phase\": \"eval\", \"loss_nats\": 2.5, \"tokens\": 1000,"
                        + " \"lr\": 0.001, \"batch_sequences\": 32, \"timestamp\": 1700000000.5}",
                        List.of(new StepEvent(5, OptionalDouble.of(2.5), OptionalLong.of(1000), OptionalDouble.of(0.001),
                                OptionalLong.of(32), 0L, Phase.EVAL))),
                Arguments.of("bits converted to nats", "{\"step\": 2, \"loss_bits\": 3}",
                        List.of(StepEvent.train(2, 3 * Math.log(2)))),
                Arguments.of("integer loss", "{\"step\": 2, \"loss_nats\": 3}", List.of(StepEvent.train(2, 3))),
                Arguments.of("nulls mean absent", "{\"step\": 3, \"loss_nats\": null, \"tokens\": null, \"lr\": null,"
                        + " \"batch_sequences\": null, \"phase\": null, \"timestamp\": null}", List.of(step(3))),
                Arguments.of("null bits loss", "{\"step\": 3, \"loss_bits\": null}", List.of(step(3))),
                Arguments.of("array", "[{\"step\": 1, \"loss_nats\": 4.0}, {\"step\": 2, \"tokens\": 0}]",
                        List.of(StepEvent.train(1, 4.0), step(2).withTokens(0))),
                Arguments.of("JSON lines with blank and CRLF lines", "{\"step\":1}\r\n\r\n{\"step\":2}\n{\"step\":3}\n",
                        List.of(step(1), step(2), step(3))),
                Arguments.of("pretty-printed object", "{\n  \"step\": 7,\n  \"lr\": 1e-4\n}\n",
                        List.of(step(7).withLearningRate(1e-4))),
                Arguments.of("byte order mark", "\ufeff{\"step\": 9}", List.of(step(9))),
                Arguments.of("zero loss allowed", "{\"step\": 0, \"loss_nats\": 0}", List.of(StepEvent.train(0, 0))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("goodBodies")
    void acceptsGoodBodies(String name, String body, List<StepEvent> expected) {
        assertThat(parse(body)).isEqualTo(new StepsBodyResult.Accepted(expected));
    }

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("", "empty body: expected a JSON object, an array of objects, or JSON lines"),
                Arguments.of(" \n\t", "empty body: expected a JSON object, an array of objects, or JSON lines"),
                Arguments.of("[]", "no events in the body"),
                Arguments.of("[{\"step\":1},{\"step\":2},{\"step\":3},{\"step\":4,\"loss_nats\":\"abc\"}]",
                        "element 3: field \"loss_nats\": expected a number, got \"abc\""),
                Arguments.of("{\"step\": \"1\"}", "line 1: field \"step\": expected an integer, got \"1\""),
                Arguments.of("{\"loss_nats\": 1}", "line 1: field \"step\" is required"),
                Arguments.of("{\"step\": null}", "line 1: field \"step\" is required, got null"),
                Arguments.of("{\"step\": -1}", "line 1: field \"step\": expected an integer >= 0, got -1"),
                Arguments.of("{\"step\": 1.5}", "line 1: field \"step\": expected an integer, got 1.5"),
                Arguments.of("{\"step\": 99999999999999999999}",
                        "line 1: field \"step\": integer out of range, got 99999999999999999999"),
                Arguments.of("{\"step\":1,\"loss_nats\":1,\"loss_bits\":1}",
                        "line 1: fields \"loss_nats\" and \"loss_bits\" are mutually exclusive"),
                Arguments.of("{\"step\":1,\"loss_nats\":null,\"loss_bits\":1}",
                        "line 1: fields \"loss_nats\" and \"loss_bits\" are mutually exclusive"),
                Arguments.of("{\"step\":1,\"epoch\":2}", "line 1: unknown field \"epoch\"" + KNOWN),
                Arguments.of("{\"step\":1,\"phase\":\"Train\"}",
                        "line 1: field \"phase\": expected \"train\" or \"eval\", got \"Train\""),
                Arguments.of("{\"step\":1,\"phase\":1}", "line 1: field \"phase\": expected \"train\" or \"eval\", got 1"),
                Arguments.of("{\"step\":1,\"tokens\":-5}", "line 1: field \"tokens\": expected an integer >= 0, got -5"),
                Arguments.of("{\"step\":1,\"tokens\":1e3}", "line 1: field \"tokens\": expected an integer, got 1000.0"),
                Arguments.of("{\"step\":1,\"batch_sequences\":0}",
                        "line 1: field \"batch_sequences\": expected an integer >= 1, got 0"),
                Arguments.of("{\"step\":1,\"lr\":\"0.1\"}", "line 1: field \"lr\": expected a number, got \"0.1\""),
                Arguments.of("{\"step\":1,\"lr\":-0.1}", "line 1: field \"lr\": expected a number >= 0, got -0.1"),
                Arguments.of("{\"step\":1,\"timestamp\":\"yesterday\"}",
                        "line 1: field \"timestamp\": expected a number, got \"yesterday\""),
                Arguments.of("{\"step\":1,\"loss_nats\":-0.5}",
                        "line 1: field \"loss_nats\": expected a number >= 0, got -0.5"),
                Arguments.of("{\"step\":1,\"loss_bits\":1e999}",
                        "line 1: field \"loss_bits\": number out of range (beyond a double)"),
                Arguments.of("{\"step\":1,\"loss_nats\":[1]}", "line 1: field \"loss_nats\": expected a number, got [1]"),
                Arguments.of("{\"step\":1}\n{\"step\":2}\n{\"step\":\"x\"}\n",
                        "line 3: field \"step\": expected an integer, got \"x\""),
                Arguments.of("{\"step\":1}\n[{\"step\":2}]", "line 2: expected an object, got [{\"step\":2}]"),
                Arguments.of("[1]", "element 0: expected an object, got 1"),
                Arguments.of("[{\"step\":1}, null]", "element 1: expected an object, got null"),
                Arguments.of("[[{\"step\":1}]]", "element 0: expected an object, got [{\"step\":1}]"),
                Arguments.of("\"hello\"", "line 1: expected an object, got \"hello\""),
                Arguments.of("[{\"step\":1}] {\"step\":2}", "unexpected content after the array at line 1, column 14"),
                Arguments.of("{\"step\":1,\"phase\":\"" + "a".repeat(100) + "\"}",
                        "line 1: field \"phase\": expected \"train\" or \"eval\", got \"" + "a".repeat(39) + "..."));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("badBodies")
    void refusesBadBodiesNamingWhereAndWhy(String body, String reason) {
        assertThat(parse(body)).isEqualTo(new StepsBodyResult.BadRequest(reason));
    }

    static Stream<Arguments> malformedJson() {
        return Stream.of(
                Arguments.of("{\"step\":1", "invalid JSON at line 1, column 10: Unexpected end-of-input"),
                Arguments.of("{\"step\":1,\"step\":2}", "invalid JSON at line 1, column 17: Duplicate field 'step'"),
                Arguments.of("{\"step\":1}\n{step:2}", "invalid JSON at line 2, column 2: Unexpected character"),
                Arguments.of("[{\"step\":1},]", "invalid JSON at line 1, column 13: Unexpected character"),
                Arguments.of("{\"step\":NaN}", "invalid JSON at line 1, column 12: Non-standard token 'NaN'"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedJson")
    void malformedJsonIsRefusedWithItsPosition(String body, String reasonStart) {
        assertThat(parse(body)).isInstanceOfSatisfying(StepsBodyResult.BadRequest.class,
                bad -> assertThat(bad.reason()).startsWith(reasonStart));
    }

    @Test
    void invalidUtf8IsMalformedJson() {
        byte[] body = {'{', '"', 's', 't', 'e', 'p', '"', ':', '1', ',', '"', (byte) 0xff, '"', ':', '1', '}'};
        assertThat(parser.parse(body)).isInstanceOfSatisfying(StepsBodyResult.BadRequest.class,
                bad -> assertThat(bad.reason()).startsWith("invalid JSON at line 1"));
    }

    @Test
    void bodyOverTheByteLimitIsTooLargeAndAtTheLimitIsFine() throws Exception {
        StepsBodyParser small = new StepsBodyParser(12, 100);
        byte[] atLimit = "{\"step\": 10}".getBytes(StandardCharsets.UTF_8);
        assertThat(atLimit).hasSize(12);
        assertThat(small.parse(atLimit)).isInstanceOf(StepsBodyResult.Accepted.class);
        assertThat(small.parse(new ByteArrayInputStream(atLimit))).isInstanceOf(StepsBodyResult.Accepted.class);
        byte[] over = "{\"step\": 100}".getBytes(StandardCharsets.UTF_8);
        assertThat(small.parse(over)).isEqualTo(new StepsBodyResult.TooLarge("body exceeds the limit of 12 bytes"));
        assertThat(small.parse(new ByteArrayInputStream(over)))
                .isEqualTo(new StepsBodyResult.TooLarge("body exceeds the limit of 12 bytes"));
    }

    @Test
    void moreEventsThanTheLimitIsTooLargeInEveryFraming() {
        StepsBodyParser three = new StepsBodyParser(64 * 1024, 3);
        String objects = IntStream.range(0, 4).mapToObj(i -> "{\"step\":" + i + "}").collect(Collectors.joining(","));
        String lines = IntStream.range(0, 4).mapToObj(i -> "{\"step\":" + i + "}").collect(Collectors.joining("\n"));
        StepsBodyResult tooMany = new StepsBodyResult.TooLarge("more than 3 events in one request");
        assertThat(three.parse(("[" + objects + "]").getBytes(StandardCharsets.UTF_8))).isEqualTo(tooMany);
        assertThat(three.parse(lines.getBytes(StandardCharsets.UTF_8))).isEqualTo(tooMany);
        String threeLines = lines.substring(0, lines.lastIndexOf('\n'));
        assertThat(three.parse(threeLines.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(StepsBodyResult.Accepted.class, ok -> assertThat(ok.events()).hasSize(3));
    }

    @Test
    void oneBadElementRefusesTheWholeBody() {
        StepsBodyResult result = parse("[{\"step\":1},{\"step\":2},{\"step\":3,\"lr\":true}]");
        assertThat(result).isEqualTo(new StepsBodyResult.BadRequest("element 2: field \"lr\": expected a number, got true"));
    }
}
