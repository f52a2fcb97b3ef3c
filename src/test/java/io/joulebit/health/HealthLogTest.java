package io.joulebit.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

class HealthLogTest {
    private static final AtomicInteger LOGGERS = new AtomicInteger();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;
    private HealthLog health;

    @BeforeEach
    void capture() {
        logger = (Logger) LoggerFactory.getLogger("io.joulebit.health.test" + LOGGERS.incrementAndGet());
        logger.setLevel(Level.DEBUG); // DEBUG repeats are captured, so "one WARN" means something
        appender.start();
        logger.addAppender(appender);
        health = new HealthLog(logger);
    }

    @AfterEach
    void release() { logger.detachAppender(appender); }

    private List<Level> levels() {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getLevel).toList();
        }
    }

    @Test
    void warnsOnTheFirstFailureDebugsWhileItRepeatsAndInformsOnRecovery() {
        health.failure("gpu0", "io", "gone", "cannot read {}: {}", "gpu0", "gone");
        health.failure("gpu0", "io", "gone");
        health.failure("gpu0", "timeout", "slow"); // another reason, same key: still the same outage
        health.recovered("gpu0", "reads {} again", "gpu0");
        health.recovered("gpu0", "reads {} again", "gpu0"); // was not failing: quiet

        assertThat(appender.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                tuple(Level.WARN, "cannot read gpu0: gone"), tuple(Level.DEBUG, "gone"), tuple(Level.DEBUG, "slow"),
                tuple(Level.INFO, "reads gpu0 again"));

        health.failure("gpu0", "io", "gone again");
        assertThat(levels()).as("a new outage warns again").endsWith(Level.INFO, Level.WARN);
    }

    @Test
    void keysHaveTheirOwnEdges() {
        health.failure("gpu0", "io", "a");
        health.failure("gpu1", "io", "b");
        health.recovered("gpu0", "gpu0 back");
        health.failure("gpu1", "io", "b");
        assertThat(levels()).containsExactly(Level.WARN, Level.WARN, Level.INFO, Level.DEBUG);
        assertThat(health.failing("gpu0")).isFalse();
        assertThat(health.failing("gpu1")).isTrue();
        assertThat(health.health().up()).as("down while any key fails").isFalse();
        health.allRecovered("all back");
        health.allRecovered("all back");
        assertThat(levels()).endsWith(Level.DEBUG, Level.INFO);
        assertThat(health.health().up()).isTrue();
    }

    @Test
    void countsByReasonAndKeepsTheLastErrorAfterRecovery() {
        assertThat(health.health()).isEqualTo(Health.UP);
        health.failure("cpu0", "permission", "denied 1");
        health.failure("cpu1", "permission", "denied 2");
        health.failure("cpu0", "io", "EIO");
        health.recovered("cpu0", "back");
        health.recovered("cpu1", "back");

        Health h = health.health();
        assertThat(h.up()).isTrue();
        assertThat(h.errorsByReason()).containsExactly(Map.entry("io", 1L), Map.entry("permission", 2L));
        assertThat(h.errors("permission")).isEqualTo(2);
        assertThat(h.errors("parse")).isZero();
        assertThat(h.errorsTotal()).isEqualTo(3);
        assertThat(h.lastError()).as("kept after recovery, for diagnosis").isEqualTo("EIO");
    }

    @Test
    void aProblemCountedElsewhereIsLoggedAndKeptButNotCounted() {
        health.problem("nvml", "all GPUs lost", "source {} failed", "nvml");
        health.problem("nvml", "all GPUs lost", "source {} failed", "nvml");
        assertThat(levels()).containsExactly(Level.WARN, Level.DEBUG);
        assertThat(health.health()).isEqualTo(new Health(false, Map.of(), "all GPUs lost"));
    }

    @Test
    void notesWarnOncePerKeyCountEveryTimeAndNeverMarkDown() {
        health.note("cpu0/reset", "reset", "r1", "reset");
        health.note("cpu0/reset", "reset", "r2", "reset");
        health.note("cpu1/reset", "reset", "r3", "reset");
        health.count("garbage", "bad row"); // counted, not logged
        assertThat(levels()).containsExactly(Level.WARN, Level.DEBUG, Level.WARN);
        assertThat(health.health()).isEqualTo(new Health(true, Map.of("reset", 3L, "garbage", 1L), "bad row"));
        assertThat(health.health(false).up()).as("the component may know better").isFalse();
    }

    @Test
    void everyFailureIsCountedOnceEvenFromManyThreads() throws InterruptedException {
        int threads = 4;
        int each = 2_000;
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) health.failure("disk", "io", "EIO");
            });
            th.start();
            started.add(th);
        }
        for (Thread th : started) th.join();
        assertThat(health.health().errors("io")).isEqualTo((long) threads * each);
        assertThat(levels()).hasSize(threads * each).filteredOn(l -> l == Level.WARN).hasSize(1);
    }

    @Test
    void healthIsImmutableAndSorted() {
        Map<String, Long> m = new HashMap<>(Map.of("b", 1L, "a", 2L));
        Health h = new Health(true, m, null);
        m.put("c", 3L);
        assertThat(h.errorsByReason()).containsExactly(Map.entry("a", 2L), Map.entry("b", 1L));
        assertThat(h.lastError()).isEmpty();
    }
}
