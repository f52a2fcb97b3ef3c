package io.joulebit.progress.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StepEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        StepEvent full = new StepEvent(12, OptionalDouble.of(2.5), OptionalLong.of(1536), OptionalDouble.of(3e-4),
                OptionalLong.of(128), 99, Phase.TRAIN);
        return Stream.of(
                Arguments.of(full,
                        "{\"step\":12,\"phase\":\"train\",\"loss_nats\":2.5,\"tokens\":1536,\"lr\":3.0E-4,"
                                + "\"batch_sequences\":128}"),
                Arguments.of(StepEvent.train(3, 1.25).withPhase(Phase.EVAL),
                        "{\"step\":3,\"phase\":\"eval\",\"loss_nats\":1.25}"),
                Arguments.of(new StepEvent(4, OptionalDouble.empty(), OptionalLong.of(7), OptionalDouble.empty(),
                        OptionalLong.empty(), 0, Phase.TRAIN), "{\"step\":4,\"phase\":\"train\",\"tokens\":7}"),
                Arguments.of(StepEvent.train(5, Double.NaN), "{\"step\":5,\"phase\":\"train\",\"loss_nats\":\"NaN\"}"),
                Arguments.of(StepEvent.train(6, Double.POSITIVE_INFINITY),
                        "{\"step\":6,\"phase\":\"train\",\"loss_nats\":\"Infinity\"}"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void writesOneJsonObjectWithOnlyThePresentFields(StepEvent event, String expected) throws Exception {
        String line = StepEventJson.line(event);

        assertThat(line).isEqualTo(expected);
        JsonNode parsed = JSON.readTree(line); // valid JSON, and Jackson reads the non-finite strings as doubles
        assertThat(parsed.get("step").asLong()).isEqualTo(event.step());
        if (event.lossNats().isPresent()) {
            double read = JSON.treeToValue(parsed.get("loss_nats"), Double.class);
            assertThat(Double.compare(read, event.lossNats().getAsDouble())).as("round trip of %s", read).isZero();
        }
    }
}
