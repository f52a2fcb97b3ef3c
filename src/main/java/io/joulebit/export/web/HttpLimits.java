package io.joulebit.export.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Slow-client and header limits of the JDK httpserver. It reads them from system properties once, when its
 * ServerConfig class loads, so {@link #applyDefaults} must run before the first server is created (HttpEndpoint
 * calls it in its static initializer). A value already set (by {@code -D} from the launcher) wins.
 * <ul>
 *   <li>{@code maxReqTime}: request line, headers and body must arrive within this many seconds, else the
 *       connection is closed (a client that trickles bytes holds a handler thread no longer than this; the
 *       server is thread-per-request, so enough such clients at once still delay a scrape by up to this much);</li>
 *   <li>{@code maxRspTime}: a client must take the response within this many seconds;</li>
 *   <li>{@code timerMillis}: how often those two limits are checked;</li>
 *   <li>{@code maxReqHeaders} / {@code maxReqHeaderSize}: more headers, or more header bytes, are refused;</li>
 *   <li>{@code jdk.httpserver.maxConnections}: connections beyond this are closed at accept.</li>
 * </ul>
 */
public final class HttpLimits {
    public static final Map<String, String> DEFAULTS;

    static {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("sun.net.httpserver.maxReqTime", "10");
        d.put("sun.net.httpserver.maxRspTime", "10");
        d.put("sun.net.httpserver.idleInterval", "30");
        // How often the server looks for requests or responses over their time: a slow client is cut after 10 to
        // 12 s instead of 10 to 11, and the timer thread wakes half as often (bench/README.md: sidecar CPU).
        d.put("sun.net.httpserver.timerMillis", "2000");
        d.put("sun.net.httpserver.maxReqHeaders", "100");
        d.put("sun.net.httpserver.maxReqHeaderSize", "32768");
        d.put("jdk.httpserver.maxConnections", "512");
        // Without TCP_NODELAY, Nagle + the client's delayed ACK stall every response on a kept-alive connection
        // (Prometheus keeps them) by ~40 ms (bench/README.md).
        d.put("sun.net.httpserver.nodelay", "true");
        DEFAULTS = Collections.unmodifiableMap(d);
    }

    private HttpLimits() {}

    /** Sets every default not already present; returns the names it set. */
    public static List<String> applyDefaults(Properties props) {
        List<String> set = new ArrayList<>();
        DEFAULTS.forEach((k, v) -> {
            if (props.getProperty(k) == null) {
                props.setProperty(k, v);
                set.add(k);
            }
        });
        return set;
    }
}
