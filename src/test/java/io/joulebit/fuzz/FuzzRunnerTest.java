package io.joulebit.fuzz;

import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The harness itself: it must find a planted bug, report the input that triggers it, and be reproducible. */
class FuzzRunnerTest {
    @Test
    void findsAPlantedBugAndReportsTheInput() {
        // No ingest seed holds a NUL byte; the mutator's interesting bytes include one.
        FuzzRunner.Target planted = in -> {
            for (byte b : in) if (b == 0) throw new IllegalStateException("planted");
        };
        AssertionError e = catchThrowableOfType(() -> FuzzRunner.fuzz("ingest", List.of(), 1024, planted),
                AssertionError.class);
        assertThat(e).hasMessageContaining("fuzz ingest").hasMessageContaining("target/fuzz-failures/ingest")
                .hasRootCauseMessage("planted");
        String b64 = e.getMessage().substring(e.getMessage().indexOf("base64: ") + 8).trim();
        assertThat(Base64.getDecoder().decode(b64)).contains((byte) 0);
    }

    @Test
    void sameSeedSameInputs() {
        Mutator a = new Mutator(7, List.of("tok"), 4096);
        Mutator b = new Mutator(7, List.of("tok"), 4096);
        byte[] seed = "{\"step\": 1}".getBytes();
        for (int i = 0; i < 200; i++) {
            byte[] x = a.mutate(seed, seed);
            assertThat(b.mutate(seed, seed)).isEqualTo(x);
            assertThat(x.length).isLessThanOrEqualTo(4096);
        }
    }
}
