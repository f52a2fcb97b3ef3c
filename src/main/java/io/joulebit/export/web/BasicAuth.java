package io.joulebit.export.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.joulebit.time.NanoClock;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP basic auth against bcrypt hashes ({@code basic_auth_users}). bcrypt costs tens of milliseconds by design, too
 * much for every scrape, so a successful check is remembered for {@link #DEFAULT_TTL} keyed by an HMAC of user and
 * password under a random per-process key (the cache never holds the password or a fast, crackable hash of it).
 * Failures are never cached. An unknown user is checked against a dummy hash of the same cost, so response time
 * does not tell which user names exist. Thread-safe.
 */
public final class BasicAuth {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);
    private static final int MAX_CACHED = 256;
    private static final BCrypt.Verifyer BCRYPT = BCrypt.verifyer();

    private final Map<String, byte[]> users;
    private final byte[] dummyHash;
    private final NanoClock clock;
    private final long ttlNanos;
    private final SecretKeySpec cacheKey;
    private final Map<String, Long> verifiedUntil = new ConcurrentHashMap<>();
    private final BiPredicate<byte[], byte[]> bcrypt;

    public BasicAuth(Map<String, String> bcryptByUser, Duration ttl, NanoClock clock) {
        this(bcryptByUser, ttl, clock, BasicAuth::verify);
    }

    /** @param bcrypt (password, hash) → match; tests count its calls to see the cache work */
    BasicAuth(Map<String, String> bcryptByUser, Duration ttl, NanoClock clock,
              BiPredicate<byte[], byte[]> bcrypt) {
        this.bcrypt = bcrypt;
        if (bcryptByUser.isEmpty()) throw new IllegalArgumentException("basic auth needs at least one user");
        Map<String, byte[]> u = new HashMap<>();
        bcryptByUser.forEach((name, hash) -> u.put(name, hash.getBytes(StandardCharsets.US_ASCII)));
        this.users = Map.copyOf(u);
        int cost = Integer.parseInt(bcryptByUser.values().iterator().next().split("\\$")[2]);
        byte[] random = new byte[32];
        SecureRandom rnd = new SecureRandom();
        rnd.nextBytes(random);
        this.dummyHash = BCrypt.withDefaults().hash(cost, HexFormat.of().formatHex(random).getBytes(StandardCharsets.US_ASCII));
        rnd.nextBytes(random);
        this.cacheKey = new SecretKeySpec(random, "HmacSHA256");
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
    }

    /** @param authorization the request's Authorization header, or null */
    public boolean allows(String authorization) {
        Credentials c = Credentials.parse(authorization);
        if (c == null) return false;
        String key = cacheKey(c);
        long now = clock.nanoTime();
        Long until = verifiedUntil.get(key);
        if (until != null && now - until < 0) return true;
        byte[] hash = users.get(c.user());
        boolean ok = bcrypt.test(c.password(), hash == null ? dummyHash : hash) && hash != null;
        if (ok) {
            if (verifiedUntil.size() >= MAX_CACHED) verifiedUntil.entrySet().removeIf(e -> now - e.getValue() >= 0);
            if (verifiedUntil.size() >= MAX_CACHED) verifiedUntil.clear();
            verifiedUntil.put(key, now + ttlNanos);
        }
        return ok;
    }

    private static boolean verify(byte[] password, byte[] hash) {
        try {
            return BCRYPT.verify(password, hash).verified;
        } catch (RuntimeException e) { // over bcrypt's 72-byte limit, or a hash the library cannot read: no entry
            return false;
        }
    }

    private String cacheKey(Credentials c) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(cacheKey);
            mac.update(c.user().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(c.password()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** User and password from {@code Basic base64(user:password)}; null when the header is absent or malformed. */
    record Credentials(String user, byte[] password) {
        static Credentials parse(String header) {
            if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) return null;
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(header.substring(6).trim());
            } catch (IllegalArgumentException e) {
                return null;
            }
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == ':') {
                    return new Credentials(new String(raw, 0, i, StandardCharsets.UTF_8),
                            Arrays.copyOfRange(raw, i + 1, raw.length));
                }
            }
            return null;
        }
    }
}
