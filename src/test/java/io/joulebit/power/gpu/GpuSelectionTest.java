package io.joulebit.power.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GpuSelectionTest {
    private static final List<GpuInfo> NODE = IntStream.range(0, 4)
            .mapToObj(i -> new GpuInfo(i, "GPU-" + i + "a1b2c3d-0000-1111-2222-33334444555" + i, "NVIDIA H100 80GB HBM3"))
            .toList();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("0,2", List.of(0, 2)),
                Arguments.of(" 3 , 1 ", List.of(1, 3)),
                Arguments.of("", List.of()),
                Arguments.of("NoDevFiles", List.of()),
                Arguments.of("-1", List.of()),
                Arguments.of("0,1,-1,2", List.of(0, 1)),      // CUDA stops at the first invalid entry
                Arguments.of("1,bogus,2", List.of(1)),
                Arguments.of("GPU-2a1b", List.of(2)),           // UUID prefix
                Arguments.of("gpu-3A1B2C3D", List.of(3)),       // case-insensitive
                Arguments.of("GPU-0a1b2c3d-0000-1111-2222-333344445550,3", List.of(0, 3)),
                Arguments.of("MIG-7f1c0a2e-0000", List.of()),   // unresolvable, selects nothing
                Arguments.of("9", List.of()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void followsCudaVisibleDevices(String value, List<Integer> expected) {
        GpuSelection sel = GpuSelection.fromEnvironment(Map.of(GpuSelection.ENV, value));
        assertThat(NODE.stream().filter(sel::includes).map(GpuInfo::index).toList()).isEqualTo(expected);
        assertThat(sel.selectsAll()).isFalse();
    }

    @Test
    void unsetMeansAll() {
        GpuSelection sel = GpuSelection.fromEnvironment(new HashMap<>());
        assertThat(NODE).allMatch(sel::includes);
        assertThat(sel.selectsAll()).isTrue();
    }

    @Test
    void configuredListUsesTheSameSyntaxAndMigIsReported() {
        assertThat(NODE.stream().filter(GpuSelection.of(List.of("1", "GPU-3a1b"))::includes).map(GpuInfo::device))
                .containsExactly("gpu1", "gpu3");
        assertThat(GpuSelection.parse("MIG-abc,0").unresolved()).containsExactly("MIG-abc");
    }
}
