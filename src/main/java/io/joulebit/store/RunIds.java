package io.joulebit.store;

import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Run ids: generated ones sort by start time ({@code 20261122T081500Z-3f9a}); configured ones are validated. */
public final class RunIds {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    // Safe as a file name, a URL path segment and a Prometheus label value; no leading dot or dash.
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private RunIds() {}

    public static String generate(InstantSource wall, RandomGenerator random) {
        return STAMP.format(wall.instant()) + "-" + String.format(Locale.ROOT, "%04x", random.nextInt(0x10000));
    }

    /** The configured id (validated) when there is one, else a generated one. */
    public static String configuredOrGenerated(String configured, InstantSource wall, RandomGenerator random) {
        return configured == null || configured.isEmpty() ? generate(wall, random) : validate(configured);
    }

    /** The id itself when valid; otherwise an IllegalArgumentException that says what is allowed. */
    public static String validate(String id) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("run id must be 1-64 characters of A-Z a-z 0-9 . _ - and start with"
                    + " a letter or digit, got " + (id == null ? "null" : "\"" + id + "\""));
        }
        return id;
    }
}
