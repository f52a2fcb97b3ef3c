package io.joulebit.progress.tail;

import io.joulebit.testing.Await;
import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tailer's own daemon thread: follows on its interval and stops on close. */
class LogTailerThreadTest {
    @TempDir Path dir;

    private static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    @Test
    void backgroundThreadFollowsRotationAndStopsOnClose() throws Exception {
        Path log = dir.resolve("bg.log");
        TailFixture.Recorder rec = new TailFixture.Recorder();
        LogTailer t = LogTailer.builder(log).pollInterval(Duration.ofMillis(10)).build(rec);
        t.start();
        assertThat(threadAlive("joulebit-tail-bg.log")).isTrue();
        assertThatThrownBy(t::start).isInstanceOf(IllegalStateException.class);

        append(log, "one\n");
        Await.until("rec.lines.size() == 1", Duration.ofSeconds(10), () -> rec.lines.size() == 1, () -> "");
        Files.move(log, dir.resolve("bg.log.1"));
        append(log, "two\n");
        Await.until("rec.lines.size() == 2", Duration.ofSeconds(10), () -> rec.lines.size() == 2, () -> "");
        assertThat(rec.lines).containsExactly("one", "two");

        t.close();
        assertThat(threadAlive("joulebit-tail-bg.log")).isFalse();
        append(log, "three\n");
        t.pollOnce(); // closed: no-op
        assertThat(rec.lines).containsExactly("one", "two");
    }
}
