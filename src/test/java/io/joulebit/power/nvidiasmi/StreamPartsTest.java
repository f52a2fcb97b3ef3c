package io.joulebit.power.nvidiasmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StreamPartsTest {
    @Test
    void backoffDoublesToTheCapAndResets() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(700));
        List<Long> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(b.next().toMillis());
        }
        assertThat(seen).containsExactly(100L, 200L, 400L, 700L, 700L, 700L);
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void lineSplitterReturnsTheUnterminatedTailSeparately() throws Exception {
        List<String> lines = new ArrayList<>();
        String tail = LineSplitter.pump(in("0, a\r\n1, b\n2, GPU-cut"), lines::add, () -> { });
        assertThat(lines).containsExactly("0, a", "1, b");
        assertThat(tail).isEqualTo("2, GPU-cut");
        assertThat(LineSplitter.pump(in("0, a\n"), l -> { }, () -> { })).isEmpty();
    }

    @Test
    void lineSplitterDropsRunawayLinesWhole() throws Exception {
        AtomicInteger overlong = new AtomicInteger();
        List<String> lines = new ArrayList<>();
        String tail = LineSplitter.pump(in("x".repeat(40_000) + "\n0, ok\n"), lines::add, overlong::incrementAndGet);
        assertThat(lines).containsExactly("0, ok");
        assertThat(overlong).hasValue(1);
        assertThat(tail).isEmpty();
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
