package io.joulebit.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.StepEvent;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSettings;
import io.joulebit.run.RunSnapshot;
import io.joulebit.testing.Await;
import io.joulebit.time.NanoClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The writer thread's pacing: first reading published at once, a burst coalesced, nothing lost on close. */
class AccountantLoopTest {
    private final RunAccountant acc = new RunAccountant(RunSettings.defaults("loop"), NanoClock.SYSTEM,
            InstantSource.system());
    private final List<RunSnapshot> published = new CopyOnWriteArrayList<>();

    private AccountantLoop loop(Duration minPublish) {
        AccountantLoop l = new AccountantLoop(acc, Duration.ofMinutes(10), minPublish);
        l.onPublish(published::add);
        l.start();
        return l;
    }

    private static StepEvent step(long n) { return StepEvent.train(n, 5.0).withTokens(n * 1000); }


    @Test
    void firstReadingAfterAQuietSpellIsPublishedWithoutWaitingForThePace() throws Exception {
        try (AccountantLoop l = loop(Duration.ofMinutes(10))) {
            l.step(step(1));
            Await.until("condition", () -> acc.latest().progress().trainSteps() == 1);
            assertThat(published).hasSize(1);
        }
    }

    @Test
    void aBurstIsAppliedWholeInFarFewerPublicationsThanReadings() throws Exception {
        try (AccountantLoop l = loop(Duration.ofMillis(200))) {
            for (int i = 1; i <= 2000; i++) l.step(step(i));
            Await.until("condition", () -> acc.latest().progress().trainSteps() == 2000);
            // Unpaced, a burst offered one by one could publish up to once per reading.
            assertThat(published.size()).isBetween(1, 50);
            assertThat(acc.latest().progress().tokens()).hasValue(2_000_000L);
            assertThat(l.dropped()).isZero();
        }
    }

    @Test
    void closeDuringAPacedWaitAppliesAndPublishesWhatWasWaiting() throws Exception {
        AccountantLoop l = loop(Duration.ofMinutes(10));
        l.step(step(1));
        Await.until("condition", () -> published.size() == 1);
        l.steps(List.of(step(2), step(3)));
        l.step(step(4)); // the loop took the first of these and sleeps out the pace
        l.close();
        assertThat(acc.latest().progress().trainSteps()).isEqualTo(4);
        assertThat(published.get(published.size() - 1).progress().tokens()).hasValue(4000L);
    }

    @Test
    void oneEventThatThrowsDropsOnlyItself() throws Exception {
        try (AccountantLoop l = loop(Duration.ZERO)) {
            l.steps(List.of(step(1)));
            l.steps(Collections.singletonList(null)); // not an event: apply() fails on it
            l.step(step(2));
            Await.until("condition", () -> acc.latest().progress().trainSteps() == 2);
        }
    }
}
