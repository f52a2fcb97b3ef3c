package io.joulebit.export;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The JDK HTTP server stamps every response with a Date header, and the first one formats it cold: its formatter's
 * day, month and zone names load the CLDR locale data, ~70 ms on `run`'s first /metrics answer
 * (-Xlog:class+load: ExchangeImpl at 0.572 s, its formatter ready at 0.641 s). Formatting one date the same way on
 * another thread while `run` reads its config fills the JDK's caches before the first scrape: exec to first answer,
 * medians of 10 and 12 interleaved starts, 644 → 624 ms and 619 → 603 ms (bench/README.md).
 */
public final class DateHeader {
    private DateHeader() {}

    /** Formats one date as sun.net.httpserver.ExchangeImpl does (JDK 17 to 25). */
    public static String warm() {
        return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss zzz", Locale.US)
                .withZone(ZoneId.of("GMT")).format(Instant.now());
    }
}
