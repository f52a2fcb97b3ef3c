package io.joulebit.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * GET /metrics on a real socket with a hard timeout (a scrape that hangs fails the test), and reads series back.
 */
final class Scrape {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final int port;

    Scrape(int port) { this.port = port; }

    String text() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/metrics")).timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new AssertionError("/metrics answered " + r.statusCode());
            return r.body();
        } catch (IOException e) {
            throw new AssertionError("/metrics did not answer within " + TIMEOUT + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The value of the series {@code name} (full name, e.g. joulebit_run_steps_total) whose labels contain every
     * {@code key="value"} fragment given; summed when several match; empty when none does.
     */
    static OptionalDouble series(String exposition, String name, String... labels) {
        double sum = 0;
        boolean found = false;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#")) continue;
            int space = line.lastIndexOf(' ');
            if (space < 0) continue;
            String series = line.substring(0, space);
            int brace = series.indexOf('{');
            String n = brace < 0 ? series : series.substring(0, brace);
            if (!n.equals(name)) continue;
            boolean all = true;
            for (String l : labels) all &= series.contains(l);
            if (!all) continue;
            sum += Double.parseDouble(line.substring(space + 1));
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** Like {@link #series} but fails when the series is absent. */
    static double require(String exposition, String name, String... labels) {
        OptionalDouble v = series(exposition, name, labels);
        if (v.isEmpty()) throw new AssertionError("no series " + name + " " + String.join(",", labels));
        return v.getAsDouble();
    }

    double value(String name, String... labels) { return series(text(), name, labels).orElse(Double.NaN); }
}
