package io.joulebit.power.rapl;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.joulebit.time.ManualNanoClock;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Permission denied on some zones: one WARN with the fix per outage, counted per read, no WARN/INFO flapping. */
class RaplPermissionLogTest {
    private static final long RANGE = 262_143_328_850L;
    @TempDir Path tmp;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(RaplSource.class);
    private Level previous;

    @BeforeEach
    void capture() {
        previous = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(previous);
    }

    private List<String> messages(Level level) {
        return appender.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void oneDeniedZoneBesideAReadableOneWarnsOncePerOutage() throws Exception {
        new FakePowercap(tmp).zone("intel-rapl:0", "package-0", 1_000_000, RANGE)
                .zone("intel-rapl:1", "package-1", 2_000_000, RANGE);
        AtomicBoolean deny = new AtomicBoolean();
        SysfsReader reader = file -> {
            if (deny.get() && file.toString().contains("intel-rapl:1")
                    && file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return SysfsReader.FILES.read(file);
        };
        ManualNanoClock clock = new ManualNanoClock(1_000_000_000L);
        RaplSource src = new RaplSource(tmp, clock, reader, RaplOptions.defaults());
        assertThat(src.probe().available()).isTrue();

        deny.set(true);
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(src.sample()).hasSize(1); // cpu0 still measured
        }
        assertThat(messages(Level.WARN)).as("one WARN, with the fix").hasSize(1)
                .allSatisfy(w -> assertThat(w).contains("CVE-2020-8694"));
        assertThat(messages(Level.INFO)).as("cpu0's good reads do not end cpu1's outage").isEmpty();
        assertThat(src.health().errors("permission")).isEqualTo(5);

        deny.set(false);
        src.sample();
        assertThat(messages(Level.INFO)).singleElement().asString().contains("readable again");
        deny.set(true);
        src.sample();
        assertThat(messages(Level.WARN)).as("a new outage warns again").hasSize(2);
        assertThat(src.health().errors("permission")).isEqualTo(6);
        assertThat(src.health().up()).isTrue();
    }
}
