package io.joulebit.faults;

import io.joulebit.testing.Await;
import io.joulebit.progress.tail.FileIdentity;
import io.joulebit.agent.ChildSidecar;
import io.joulebit.store.Checkpoint;
import io.joulebit.store.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static io.joulebit.agent.ChildSidecar.latest;
import static io.joulebit.agent.ChildSidecar.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fault 6: SIGTERM reaches the sidecar (a child JVM) at a random moment while its log is appended fast. It exits 0,
 * the store opens clean, the final checkpoint's step count equals the log lines before its saved position (exactly
 * what the agent had applied), and a restart continues from there counting every line exactly once.
 */
class SigtermMidWriteTest {
    private static final String RUN = "sigterm-test";

    private static long newlinesBefore(Path log, long offset) throws IOException {
        byte[] b = Files.readAllBytes(log);
        long n = 0;
        for (int i = 0; i < offset && i < b.length; i++) if (b[i] == '\n') n++;
        return n;
    }

    private static void stopCleanly(Process agent, Path out) throws Exception {
        agent.destroy(); // SIGTERM
        assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("stopped; output:%n%s", read(out)).isTrue();
        assertThat(agent.exitValue()).as("exit code; output:%n%s", read(out)).isZero();
        String text = read(out);
        assertThat(text).contains("run " + RUN + " stopped").doesNotContain(" ERROR ", "unwritten items");
    }

    @Test
    void sigtermMidWriteFlushesExactlyWhatWasApplied(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("train.jsonl");
        Path db = dir.resolve("store.db");
        Path config = ChildSidecar.writeConfig(dir, log, db);
        // flushes every 3 lines, so the agent sometimes sees half a line
        ChildSidecar.GrowingLog writer = new ChildSidecar.GrowingLog(log, 3, 4);
        try {
            Path out1 = dir.resolve("agent-1.out");
            Process agent = ChildSidecar.start(dir, config, RUN, out1);
            Await.until("agent ready", () -> read(out1).contains(" ready: "), () -> read(out1));
            Await.until("lines applied and checkpointed", () -> {
                try {
                    return latest(db, RUN).map(c -> c.steps() > 100).orElse(false);
                } catch (Exception e) {
                    return false;
                }
            }, () -> read(out1));
            Thread.sleep(new SplittableRandom().nextInt(700)); // a random moment, not a condition
            stopCleanly(agent, out1);

            assertThat(integrityCheck(db)).as("the store opens clean").isEqualTo("ok");
            Checkpoint last = latest(db, RUN).orElseThrow();
            assertThat(last.tail()).as("the final checkpoint carries the log position").isPresent();
            assertThat(last.tail().get().identity()).isEqualTo(FileIdentity.of(log).orElseThrow());
            assertThat(last.steps()).as("steps = the lines before the saved position")
                    .isEqualTo(newlinesBefore(log, last.tail().get().offset()));
            assertThat(last.lastStep()).isEqualTo(last.steps());
            assertThat(last.tokens()).hasValue(last.steps() * 1000);
            assertThat(last.steps()).as("stopped mid-write").isLessThan(writer.written() + 1);
        } finally {
            writer.close();
        }
        long total = writer.written();

        Path out2 = dir.resolve("agent-2.out");
        Process again = ChildSidecar.start(dir, config, RUN, out2);
        Await.until("the restart reads every remaining line", () -> {
            try {
                return latest(db, RUN).map(c -> c.steps() >= total).orElse(false);
            } catch (Exception e) {
                return false;
            }
        }, () -> read(out2));
        stopCleanly(again, out2);
        Checkpoint fin = latest(db, RUN).orElseThrow();
        assertThat(fin.steps()).as("every line counted exactly once across the restart").isEqualTo(total);
        assertThat(fin.lastStep()).isEqualTo(total);
        assertThat(fin.tokens()).hasValue(total * 1000);
        assertThat(fin.tail().get().offset()).isEqualTo(Files.size(log));
        assertThat(integrityCheck(db)).isEqualTo("ok");
    }

    private static String integrityCheck(Path db) throws Exception {
        try (Connection c = ConnectionFactory.SQLITE_READ_ONLY.open(db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            return rs.next() ? rs.getString(1) : "no result";
        }
    }
}
