package io.joulebit.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RunIdsTest {
    @Test
    void generatedIdsCarryTheUtcStartAndSortByIt() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> ids = new ArrayList<>();
        for (String t : new String[]{"2026-11-22T08:15:00Z", "2026-11-22T08:15:01Z", "2027-01-01T00:00:00Z"}) {
            ids.add(RunIds.generate(InstantSource.fixed(Instant.parse(t)), random));
        }
        assertThat(ids.get(0)).matches("20261122T081500Z-[0-9a-f]{4}");
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        ids.forEach(RunIds::validate);
    }

    @Test
    void theSuffixComesFromTheInjectedRandom() {
        InstantSource at = InstantSource.fixed(Instant.parse("2026-11-22T08:15:00Z"));
        assertThat(RunIds.generate(at, new SplittableRandom(7))).isEqualTo(RunIds.generate(at, new SplittableRandom(7)));
    }

    @Test
    void aConfiguredIdIsUsedWhenValidAndRejectedOtherwise() {
        InstantSource at = InstantSource.fixed(Instant.parse("2026-11-22T08:15:00Z"));
        assertThat(RunIds.configuredOrGenerated("gpt2-small", at, new SplittableRandom(1))).isEqualTo("gpt2-small");
        assertThat(RunIds.configuredOrGenerated("", at, new SplittableRandom(1))).startsWith("20261122T081500Z-");
        assertThat(RunIds.configuredOrGenerated(null, at, new SplittableRandom(1))).startsWith("20261122T081500Z-");
        assertThatIllegalArgumentException().isThrownBy(() -> RunIds.configuredOrGenerated("a/b", at, new SplittableRandom(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "run-1", "gpt2_small.v3", "20261122T081500Z-3f9a", "A234567890123456789012345678901234567890123456789012345678901234"})
    void validIdsPass(String id) { assertThat(RunIds.validate(id)).isEqualTo(id); }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-run", ".hidden", "a/b", "a b", "ünïcode", "x\n",
            "A2345678901234567890123456789012345678901234567890123456789012345"})
    void invalidIdsAreRejectedWithWhatIsAllowed(String id) {
        assertThatIllegalArgumentException().isThrownBy(() -> RunIds.validate(id)).withMessageContaining("A-Z a-z 0-9");
    }
}
