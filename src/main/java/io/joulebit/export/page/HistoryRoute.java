package io.joulebit.export.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.joulebit.export.Route;
import io.joulebit.json.SharedMapper;
import io.joulebit.run.RunSnapshot;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * GET /api/v1/history?since=T: the chart points after T (epoch seconds; omitted: all), column-wise, with the ring's
 * resolution and the health notes of the latest snapshot. A client asks again with the time of its last-but-one
 * point: the newest bucket keeps filling, so it comes back until it is complete.
 */
public final class HistoryRoute implements Route {
    /** A plain decimal (no NaN, Infinity, hex or type suffix, which Double.parseDouble would take). */
    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");
    private final RunHistory history;
    private final Supplier<RunSnapshot> latest;

    public HistoryRoute(RunHistory history, Supplier<RunSnapshot> latest) {
        this.history = history;
        this.latest = latest;
    }

    @Override
    public Response handle(Request req) throws IOException {
        if (!"GET".equals(req.method()) && !"HEAD".equals(req.method())) {
            return new Response(405, "text/plain; charset=utf-8", "use GET\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "GET, HEAD"));
        }
        double since;
        try {
            since = since(req.query());
        } catch (IllegalArgumentException e) {
            return Response.text(400, e.getMessage() + "\n");
        }
        byte[] body = SharedMapper.get().writeValueAsBytes(json(history.ring().since(since), latest.get()));
        return new Response(200, "application/json", body, Map.of("Cache-Control", "no-store"));
    }

    /** The {@code since} parameter: epoch seconds, NaN when absent. */
    static double since(String query) {
        String raw = null;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if ((eq < 0 ? pair : pair.substring(0, eq)).equals("since")) raw = eq < 0 ? "" : decode(pair.substring(eq + 1));
        }
        if (raw == null) return Double.NaN;
        String shown = raw.length() > 40 ? raw.substring(0, 40) + "…" : raw;
        if (!NUMBER.matcher(raw.strip()).matches()) {
            throw new IllegalArgumentException("since: expecting a time in seconds since 1970 (e.g. since=1765000000.5), "
                    + "found '" + shown + "'");
        }
        double v = Double.parseDouble(raw.strip());
        if (!Double.isFinite(v)) throw new IllegalArgumentException("since: out of range: '" + shown + "'");
        return v;
    }

    private static String decode(String v) {
        try {
            return URLDecoder.decode(v, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("since: not a valid URL-encoded value: '" + v + "'");
        }
    }

    ObjectNode json(HistoryRing.View view, RunSnapshot s) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("run", s.runId());
        root.put("now", history.now());
        root.put("resolution_seconds", view.resolutionSeconds());
        root.put("window_seconds", view.windowSeconds());
        root.put("capacity", view.capacity());
        ArrayNode t = root.putArray("t");
        view.points().forEach(p -> t.add(p.t()));
        ObjectNode series = root.putObject("series");
        for (Series s2 : Series.values()) {
            ArrayNode col = series.putArray(s2.key);
            view.points().forEach(p -> number(col, p.value(s2)));
        }
        ObjectNode power = root.putObject("power_watts");
        for (int slot = 0; slot < view.devices().size(); slot++) {
            ArrayNode col = power.putArray(view.devices().get(slot));
            for (HistoryRing.Point p : view.points()) number(col, p.watts(slot));
        }
        ArrayNode notes = root.putArray("notes");
        for (HealthNotes.Note n : HealthNotes.of(s, history)) {
            notes.addObject().put("level", n.level().name().toLowerCase(Locale.ROOT)).put("text", n.text());
        }
        return root;
    }

    private static void number(ArrayNode a, double v) {
        if (Double.isFinite(v)) a.add(v); else a.addNull();
    }
}
