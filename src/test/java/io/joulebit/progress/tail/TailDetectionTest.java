package io.joulebit.progress.tail;

import static io.joulebit.progress.tail.TailFixture.append;
import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.time.ManualNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code run --log} with format auto: a log whose step lines have not come yet is followed, "pending". */
class TailDetectionTest {
    @TempDir Path dir;

    private static String iteration(int it, double loss) {
        return String.format(Locale.ROOT, " iteration %d/ 1000 | consumed samples: %d | learning rate: "
                + "1.0E-04 | global batch size: 8 | lm loss: %s | loss scale: 1.0 |%n", it, it * 8, loss);
    }

    @Test
    void pendingThroughALongPreludeThenDecidedWithNothingLost() throws Exception {
        Path log = dir.resolve("slurm-1234.out");
        StringBuilder prelude = new StringBuilder("0: using world size: 16\n");
        for (int i = 0; i < 1500; i++) prelude.append("0:   arg_").append(i).append(" .......... ").append(i).append('\n');
        append(log, prelude.toString());
        List<StepEvent> got = new ArrayList<>();
        TailProgressSource src = TailProgressSource.forLog(LogTailer.builder(log), "auto",
                FormatOptions.defaults().withSeqLen(1024), new ManualNanoClock());
        src.pollOnce(got::add);
        assertThat(src.formatName()).isEqualTo("pending");
        assertThat(src.format()).isEmpty();

        append(log, "0:" + iteration(10, 7.5) + "1:" + iteration(10, 7.5));     // two ranks, one step
        src.pollOnce(got::add);
        assertThat(src.formatName()).isEqualTo("megatron");                      // the sole reader, at a pause
        append(log, "0:" + iteration(20, 7.25) + "garbage\n" + "0:" + iteration(30, 7.0));
        src.pollOnce(got::add);
        src.close();
        assertThat(got).extracting(StepEvent::step).containsExactly(10L, 20L, 30L);
        assertThat(got.get(2).tokens()).hasValue(30L * 8 * 1024);
        assertThat(src.counters().parsed()).isEqualTo(3);
        assertThat(src.counters().ignored()).isEqualTo(1501 + 1 + 1);             // prelude, rank 1's copy, garbage
    }
}
