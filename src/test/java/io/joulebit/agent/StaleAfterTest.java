package io.joulebit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaleAfterTest {
    @ParameterizedTest
    @CsvSource({"1000, 10000, 3000", "100, 10000, 3000", "2000, 10000, 6000", "5000, 10000, 10000"})
    void threeIntervalsBetweenThreeSecondsAndMaxGap(long intervalMs, long maxGapMs, long expectedMs) {
        assertThat(Agent.Builder.staleAfter(Duration.ofMillis(intervalMs), Duration.ofMillis(maxGapMs)))
                .isEqualTo(Duration.ofMillis(expectedMs));
    }
}
