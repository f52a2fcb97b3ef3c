package io.joulebit.faults;

import io.joulebit.testing.Await;
import io.joulebit.agent.Agent;
import io.joulebit.agent.RunJournal;
import io.joulebit.progress.LineCounts;
import io.joulebit.progress.ProgressSource;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.TokenOrigin;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.tail.LogTailer;
import io.joulebit.progress.tail.TailProgressSource;
import io.joulebit.run.RunSettings;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * An in-process agent following a jsonl log the way the sidecar does (tailer → format → accountant, each event with
 * its log position), either on the tailer's own thread or polled by the test for exact interleavings. Every event the
 * accountant is handed is also recorded, so a test can check that each line counted exactly once.
 */
final class FollowedLog implements AutoCloseable {
    final Path log;
    final TailProgressSource source;
    final Agent agent;
    final Scrape scrape;
    final List<StepEvent> handed = Collections.synchronizedList(new ArrayList<>());
    private final Manual manual;

    private FollowedLog(Path log, boolean threaded) throws IOException {
        this.log = log;
        source = TailProgressSource.forLog(LogTailer.builder(log).pollInterval(Duration.ofMillis(5)), "jsonl",
                FormatOptions.defaults(), NanoClock.SYSTEM);
        manual = threaded ? null : new Manual();
        agent = Agent.builder(RunSettings.defaults("log-fault")).sampleInterval(Duration.ofMillis(50))
                .listen("127.0.0.1", 0).progress(threaded ? source : manual, source::position)
                .journal(new RunJournal() {
                    @Override public void step(StepEvent e) { handed.add(e); }
                }).start();
        scrape = new Scrape(agent.port());
    }

    /** The tailer runs on its own thread, as in the sidecar. */
    static FollowedLog threaded(Path log) throws IOException { return new FollowedLog(log, true); }

    /** Nothing is read until {@link #poll()}. */
    static FollowedLog polled(Path log) throws IOException { return new FollowedLog(log, false); }

    /** Reads what is new now (polled mode) and waits until the accountant has applied all of it. */
    void poll() {
        source.pollOnce(manual.sink);
        awaitApplied();
    }

    /** Every parsed event applied (counted or replayed) and the line counts published. */
    void awaitApplied() {
        Await.until("events applied", () -> {
            var p = agent.latest().progress();
            var c = source.counters();
            return p.trainSteps() + p.stepsReplayed() == c.parsed() && p.lines().parsed() == c.parsed()
                    && p.lines().ignored() == c.ignored() && p.lines().rejected() == c.rejected();
        }, () -> agent.latest().progress() + " vs " + source.counters());
    }

    List<Long> handedSteps() {
        synchronized (handed) {
            return handed.stream().map(StepEvent::step).toList();
        }
    }

    @Override
    public void close() { agent.close(); }

    /** A progress source the agent starts but the test drives. */
    private final class Manual implements ProgressSource {
        volatile Consumer<StepEvent> sink;

        @Override public String name() { return "log"; }

        @Override public void start(Consumer<StepEvent> s) { sink = s; }

        @Override public TokenOrigin tokenOrigin() { return source.tokenOrigin(); }

        @Override public LineCounts lines() { return source.lines(); }

        @Override public void close() { source.close(); }
    }
}
