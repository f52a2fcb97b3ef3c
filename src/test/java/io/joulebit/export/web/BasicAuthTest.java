package io.joulebit.export.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;

import static org.assertj.core.api.Assertions.assertThat;

class BasicAuthTest {
    /** Cost 4 (the minimum) keeps the test fast; the hash is made by the library now, not checked in. */
    static final String PASSWORD = "s3cret-pässword";
    static final String HASH_2Y = BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4, PASSWORD.toCharArray());
    static final String HASH_2B = BCrypt.with(BCrypt.Version.VERSION_2B).hashToString(4, "other".toCharArray());

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private final ManualNanoClock clock = new ManualNanoClock(123);

    @Test
    void rightPasswordPassesWrongOrMissingDoesNot() {
        BasicAuth auth = new BasicAuth(Map.of("prometheus", HASH_2Y, "grafana", HASH_2B), Duration.ofMinutes(5), clock);
        assertThat(auth.allows(basic("prometheus", PASSWORD))).isTrue();
        assertThat(auth.allows(basic("grafana", "other"))).isTrue();
        assertThat(auth.allows(basic("prometheus", PASSWORD + "x"))).isFalse();
        assertThat(auth.allows(basic("prometheus", "other"))).isFalse(); // another user's password
        assertThat(auth.allows(basic("nobody", PASSWORD))).isFalse();
        assertThat(auth.allows(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Basic", "Basic ", "Basic !!!notbase64", "Bearer abc", "Basic cHJvbWV0aGV1cw==",
            "Digest username=prometheus"})
    void malformedHeadersAreRefusedWithoutThrowing(String header) {
        BasicAuth auth = new BasicAuth(Map.of("prometheus", HASH_2Y), Duration.ofMinutes(5), clock);
        assertThat(auth.allows(header)).isFalse();
    }

    @Test
    void schemeIsCaseInsensitiveAndPasswordMayContainColons() {
        String hash = BCrypt.withDefaults().hashToString(4, "a:b:c".toCharArray());
        BasicAuth auth = new BasicAuth(Map.of("u", hash), Duration.ofMinutes(5), clock);
        assertThat(auth.allows(basic("u", "a:b:c").replace("Basic", "bAsIc"))).isTrue();
    }

    @Test
    void passwordsOverBcryptsLimitAreRefusedNotThrown() {
        BasicAuth auth = new BasicAuth(Map.of("u", HASH_2Y), Duration.ofMinutes(5), clock);
        assertThat(auth.allows(basic("u", PASSWORD + "x".repeat(200)))).isFalse();
    }

    @Test
    void successIsCachedForTheTtlFailuresNever() {
        AtomicInteger calls = new AtomicInteger();
        BiPredicate<byte[], byte[]> counting = (pw, hash) -> {
            calls.incrementAndGet();
            return BCrypt.verifyer().verify(pw, hash).verified;
        };
        BasicAuth auth = new BasicAuth(Map.of("prometheus", HASH_2Y), Duration.ofSeconds(60), clock, counting);
        String good = basic("prometheus", PASSWORD);
        assertThat(auth.allows(good)).isTrue();
        assertThat(auth.allows(good)).isTrue();
        clock.advance(Duration.ofSeconds(59));
        assertThat(auth.allows(good)).isTrue();
        assertThat(calls).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(auth.allows(good)).isTrue();
        assertThat(calls).hasValue(2);

        assertThat(auth.allows(basic("prometheus", "wrong"))).isFalse();
        assertThat(auth.allows(basic("prometheus", "wrong"))).isFalse();
        assertThat(calls).hasValue(4);
    }

    @Test
    void unknownUserStillCostsOneBcryptCheck() {
        AtomicInteger calls = new AtomicInteger();
        BasicAuth auth = new BasicAuth(Map.of("prometheus", HASH_2Y), Duration.ofSeconds(60), clock, (pw, hash) -> {
            calls.incrementAndGet();
            assertThat(new String(hash, StandardCharsets.US_ASCII)).startsWith("$2a$04$"); // dummy of the same cost
            return true; // even a "match" against the dummy must not let an unknown user in
        });
        assertThat(auth.allows(basic("intruder", "x"))).isFalse();
        assertThat(calls).hasValue(1);
    }
}
