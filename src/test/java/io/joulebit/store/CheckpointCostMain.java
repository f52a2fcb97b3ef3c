package io.joulebit.store;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU per committed checkpoint, the figure behind the 1 s default checkpoint interval (bench/README.md): process CPU
 * time (all threads: caller, store writer, SQLite) over N checkpoints committed one by one after a warm-up, so a
 * loaded machine's scheduling delays, which inflate wall time, do not count. Run: java -cp CP
 * io.joulebit.store.CheckpointCostMain [N]  (bench/checkpoint-cost.sh).
 */
public final class CheckpointCostMain {
    private CheckpointCostMain() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path dir = Files.createTempDirectory("checkpoint-cost");
        RunStoreBenchmark bench = new RunStoreBenchmark();
        try (RunStore store = RunStore.open(StoreOptions.defaults(dir.resolve("bench.db")))) {
            Field f = RunStoreBenchmark.class.getDeclaredField("store");
            f.setAccessible(true);
            f.set(bench, store);
            for (int i = 0; i < n; i++) bench.commitCheckpoint(); // warm-up: JIT, page cache, WAL
            long cpu0 = os.getProcessCpuTime();
            long wall0 = System.nanoTime();
            for (int i = 0; i < n; i++) bench.commitCheckpoint();
            double cpuUs = (os.getProcessCpuTime() - cpu0) / 1e3 / n;
            double wallUs = (System.nanoTime() - wall0) / 1e3 / n;
            System.out.printf("checkpoints committed: %d; CPU per checkpoint %.0f us (wall %.0f us); at one per second "
                    + "that is %.3f %% of one core%n", n, cpuUs, wallUs, cpuUs / 1e4);
        }
    }
}
