package io.joulebit.export;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.ingest.StepsBodyParser;
import io.joulebit.progress.ingest.StepsBodyResult;
import io.joulebit.time.NanoClock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * POST /api/v1/steps: pushed training steps (JSON object, array or JSON lines). Requires the configured bearer
 * token; all or nothing per request. Events are stamped with the agent's clock on arrival.
 */
public final class IngestRoute implements Route {
    private static final int MAX_EVENTS = 100_000;
    private final byte[] expectedAuth;
    private final StepsBodyParser parser;
    private final long maxBodyBytes;
    private final Consumer<List<StepEvent>> sink;
    private final NanoClock clock;

    public IngestRoute(String token, long maxBodyBytes, Consumer<List<StepEvent>> sink, NanoClock clock) {
        if (token == null || token.isEmpty()) throw new IllegalArgumentException("ingest needs a bearer token");
        this.expectedAuth = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = maxBodyBytes;
        this.parser = new StepsBodyParser((int) Math.min(Integer.MAX_VALUE, maxBodyBytes), MAX_EVENTS);
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public long maxBodyBytes() { return maxBodyBytes; }

    @Override
    public Response handle(Request req) {
        if (!"POST".equals(req.method())) {
            return new Response(405, "text/plain", "use POST\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("Allow", "POST"));
        }
        String auth = req.header("authorization");
        // Constant-time comparison; the token itself is never logged or echoed.
        if (auth == null || !MessageDigest.isEqual(expectedAuth, auth.getBytes(StandardCharsets.UTF_8))) {
            return new Response(401, "text/plain", "missing or wrong bearer token\n".getBytes(StandardCharsets.UTF_8),
                    Map.of("WWW-Authenticate", "Bearer"));
        }
        StepsBodyResult result = parser.parse(req.body());
        if (result instanceof StepsBodyResult.Accepted ok) {
            long now = clock.nanoTime();
            sink.accept(ok.events().stream().map(e -> e.withMonoNanos(now)).toList());
            return Response.json(202, ("{\"accepted\":" + ok.events().size() + "}\n").getBytes(StandardCharsets.UTF_8));
        }
        if (result instanceof StepsBodyResult.TooLarge big) return Response.text(413, big.reason() + "\n");
        return Response.text(400, ((StepsBodyResult.BadRequest) result).reason() + "\n");
    }
}
