package io.joulebit.agent;

import io.joulebit.export.MetricsRoute;
import io.joulebit.export.Route;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.run.RunSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's token origin and line counts come from what feeds it, through the interfaces: its progress source
 * reports its own, an in-process feed names itself (listener), an ingest-only agent reports ingest, else none.
 */
class TokenOriginWiringTest {
    /** A source that reports a derived origin and some counts, and delivers nothing. */
    private static final class Reporting implements ProgressSource {
        @Override public String name() { return "fake"; }
        @Override public void start(Consumer<StepEvent> sink) { }
        @Override public TokenOrigin tokenOrigin() { return TokenOrigin.STEPS_X_TOKENS_PER_STEP; }
        @Override public LineCounts lines() { return new LineCounts(7, 3, 1); }
    }

    private static String runInfo(UnaryOperator<Agent.Builder> wiring) throws Exception {
        Agent a = wiring.apply(Agent.builder(RunSettings.defaults("origin"))).start();
        a.close(); // publishes once more: the snapshot after the wiring
        {
            var snapshot = a.latest();
            Route.Response r = new MetricsRoute(() -> snapshot).handle(new Route.Request("GET", "/metrics", Map.of(),
                    new byte[0]));
            return new String(r.body(), StandardCharsets.UTF_8).lines()
                    .filter(l -> l.startsWith("joulebit_run_info{") || l.startsWith("joulebit_progress_lines_total{"))
                    .reduce("", (x, y) -> x + y + "\n");
        }
    }

    @Test
    void eachFeedNamesItsOrigin() throws Exception {
        assertThat(runInfo(b -> b)).contains("token_origin=\"none\"");
        assertThat(runInfo(b -> b.ingest("secret-token", 1024))).contains("token_origin=\"ingest\"");
        assertThat(runInfo(b -> b.tokenOrigin(TokenOrigin.LISTENER))).contains("token_origin=\"listener\"");
        String fromSource = runInfo(b -> b.ingest("secret-token", 1024).progress(new Reporting()));
        assertThat(fromSource).as("the progress source's own origin wins over the ingest's")
                .contains("token_origin=\"steps_x_tokens_per_step\"")
                .contains("result=\"parsed\"} 7", "result=\"ignored\"} 3", "result=\"rejected\"} 1");
    }
}
