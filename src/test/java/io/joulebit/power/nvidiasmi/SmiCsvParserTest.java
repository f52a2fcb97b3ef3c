package io.joulebit.power.nvidiasmi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmiCsvParserTest {
    private static final double MIB = 1024.0 * 1024.0;
    private static final double NONE = Double.NaN; // "expect absent"

    /** capture, GPUs in first frame, then row 0: index, uuid prefix, name, W, limit W, °C, util ratio, used MiB. */
    static Stream<Arguments> captures() {
        return Stream.of(
                Arguments.of("linux-x86_64__nvidia-h100-80gb-hbm3-x8__590.48.01.csv", 8, 0, "GPU-5d8b6f0e",
                        "NVIDIA H100 80GB HBM3", 631.95, 700.0, 59.0, 1.00, 19818.0),
                // GA100: power.draw.average is [N/A], so the instant reading is used
                Arguments.of("linux-x86_64__nvidia-a100-sxm4-80gb-x4__535.129.03.csv", 4, 0, "GPU-4e1b7c90",
                        "NVIDIA A100-SXM4-80GB", 287.43, 400.0, 52.0, 0.97, 61234.0),
                Arguments.of("linux-x86_64__nvidia-geforce-rtx-4080-super__595.71.05.csv", 1, 0, "GPU-2c7e1a94",
                        "NVIDIA GeForce RTX 4080 SUPER", 84.03, 320.0, 45.0, 0.07, 1474.0),
                Arguments.of("linux-x86_64__geforce-gtx-1050-ti-max-q-laptop__470.199.02.csv", 1, 0, "GPU-61c0d2e7",
                        "GeForce GTX 1050 Ti with Max-Q Design", NONE, NONE, 52.0, 0.38, 1843.0),
                Arguments.of("linux-x86_64__nvidia-h100-mig__590.48.01.csv", 1, 0, "GPU-b7d40e2c",
                        "NVIDIA H100 80GB HBM3", 71.15, 700.0, 42.0, NONE, 59.0),
                Arguments.of("linux-x86_64__nvidia-rtx-6000-ada-generation-x2__550.54.15.csv", 2, 0, "GPU-a0c4e8f2",
                        "NVIDIA RTX 6000 Ada Generation", 212.37, 300.0, 67.0, 0.88, 40211.0));
    }

    @ParameterizedTest
    @MethodSource("captures")
    void parsesFirstRowOfEachCapture(String file, int gpus, int index, String uuidPrefix, String name, double watts,
                                     double limit, double celsius, double util, double usedMiB) {
        Path capture = Captures.capture(file);
        SmiCsvParser parser = new SmiCsvParser(Captures.fields(capture));
        List<SmiCsvParser.Result> results = Captures.firstFrame(capture).stream().map(parser::parse).toList();

        assertThat(results).hasSize(gpus).allMatch(SmiCsvParser.Result::isRow);
        assertThat(results.stream().map(r -> r.row().get().gpu().index()).toList())
                .doesNotHaveDuplicates();
        SmiRow row = results.get(0).row().get();
        assertThat(row.gpu().index()).isEqualTo(index);
        assertThat(row.gpu().uuid()).startsWith(uuidPrefix);
        assertThat(row.gpu().name()).isEqualTo(name);
        assertThat(row.gpu().device()).isEqualTo("gpu" + index);
        if (Double.isNaN(watts)) {
            assertThat(row.watts()).isNaN();
        } else {
            assertThat(row.watts()).isCloseTo(watts, within(1e-9));
        }
        expect(row.powerLimitWatts(), limit);
        expect(row.celsius(), celsius);
        expect(row.utilization(), util);
        expect(row.memoryUsedBytes(), usedMiB * MIB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[N/A]", "N/A", "[Not Supported]", "[Unknown Error]", "[Insufficient Permissions]",
            "[Requested functionality has been deprecated]", "[GPU requires reset]", "", " "})
    void placeholdersAreAbsentNeverZero(String placeholder) {
        SmiCsvParser parser = new SmiCsvParser(SmiFields.MODERN);
        String line = String.join(", ", "3", "GPU-0a1b2c3d", "NVIDIA A10", placeholder, placeholder, placeholder,
                placeholder, placeholder, placeholder, placeholder, placeholder, placeholder);
        SmiRow row = parser.parse(line).row().orElseThrow();
        assertThat(row.watts()).isNaN();
        assertThat(row.powerLimitWatts()).isEmpty();
        assertThat(row.celsius()).isEmpty();
        assertThat(row.utilization()).isEmpty();
        assertThat(row.memoryUsedBytes()).isEmpty();
        assertThat(row.memoryTotalBytes()).isEmpty();
        assertThat(row.toSample("nvidia-smi", 5L).hasWatts()).isFalse();
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("Unable to determine the device handle for GPU0000:C8:00.0: Unknown Error", "garbage"),
                Arguments.of("0, GPU-5d8b6f0e, NVIDIA H1", "garbage"),
                Arguments.of("x, GPU-5d8b6f0e, NVIDIA H100, 1, 2, 3, 4, 5, 6, 7, 8, 9", "garbage"),
                Arguments.of("-1, GPU-5d8b6f0e, NVIDIA H100, 1, 2, 3, 4, 5, 6, 7, 8, 9", "garbage"),
                Arguments.of("0, GPU-5d8b6f0e, NVIDIA H100, lots, 2, 3, 4, 5, 6, 7, 8, 9", "garbage"),
                Arguments.of("0, 5d8b6f0e, NVIDIA H100, 1, 2, 3, 4, 5, 6, 7, 8, 9", "garbage"),
                Arguments.of("", "blank"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void badLinesAreRejectedWithAReasonNeverThrown(String line, String reason) {
        SmiCsvParser.Result r = new SmiCsvParser(SmiFields.MODERN).parse(line);
        assertThat(r.isRow()).isFalse();
        assertThat(r.rejectReason()).isEqualTo(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NVIDIA A100-SXM4-40GB, MIG 1g.5gb", "Tesla K80", "a, b, c"})
    void aNameContainingCommaSpaceIsFoldedBack(String name) {
        SmiCsvParser parser = new SmiCsvParser(SmiFields.LEGACY);
        SmiRow row = parser.parse("2, GPU-77, " + name + ", 120.50, 300.00, 300.00, 40, 12, 100, 4096")
                .row().orElseThrow();
        assertThat(row.gpu().name()).isEqualTo(name);
        assertThat(row.watts()).isEqualTo(120.5);
        assertThat(row.memoryTotalBytes()).hasValue(4096 * MIB);
    }

    @ParameterizedTest
    @ValueSource(strings = {"631.95 W, 700.00 W, 59, 100 %, 19818 MiB", "631.95, 700.00, 59, 100, 19818"})
    void unitsLeftInByAMissingNounitsAreTolerated(String cells) {
        SmiCsvParser parser = new SmiCsvParser(List.of("index", "power.draw", "power.limit", "temperature.gpu",
                "utilization.gpu", "memory.used"));
        SmiRow row = parser.parse("0, " + cells).row().orElseThrow();
        assertThat(row.watts()).isEqualTo(631.95);
        assertThat(row.utilization()).hasValue(1.0);
        assertThat(row.memoryUsedBytes()).hasValue(19818 * MIB);
    }

    private static void expect(OptionalDouble actual, double expected) {
        if (Double.isNaN(expected)) {
            assertThat(actual).isEmpty();
        } else {
            assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-6 * Math.max(1, Math.abs(expected))));
        }
    }
}
