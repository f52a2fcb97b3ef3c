package io.joulebit.power.nvidiasmi.bench;

import com.sun.management.OperatingSystemMXBean;
import io.joulebit.power.PowerSample;
import io.joulebit.power.gpu.GpuSelection;
import io.joulebit.power.nvidiasmi.NvidiaSmiConfig;
import io.joulebit.power.nvidiasmi.NvidiaSmiSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Overhead of the nvidia-smi source in the agent's JVM: a fake nvidia-smi streams 8 GPUs at 10 Hz for 60 s while the
 * source is sampled at 1 Hz. Reports this JVM's CPU time as % of one core (the fake script is a separate process and
 * is not counted), the CPU of the source's own threads, and the 1 Hz sampling jitter and sample() latency (p50/p99).
 * Run via bench/nvidia-smi-overhead.sh. Args: script capture [seconds] [intervalMs].
 */
public final class NvidiaSmiOverheadBench {
    public static void main(String[] args) throws Exception {
        String script = args[0];
        String capture = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int intervalMs = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        NvidiaSmiConfig config = NvidiaSmiConfig.defaults(Map.of()).withSelection(GpuSelection.all())
                .withCommand(List.of("sh", script, "--capture", capture)).withInterval(Duration.ofMillis(intervalMs));
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (NvidiaSmiSource source = new NvidiaSmiSource(config)) {
            source.start();
            long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (source.sample().size() < 8) { // wait for the stream, bounded
                if (System.nanoTime() > warm) {
                    throw new IllegalStateException("no rows: " + source.health());
                }
                Thread.sleep(10);
            }
            long rows0 = source.rowsTotal();
            long cpu0 = os.getProcessCpuTime();
            long src0 = sourceThreadsCpu(threads);
            long wall0 = System.nanoTime();
            long[] jitter = new long[seconds];
            long[] latency = new long[seconds];
            int[] sizes = new int[seconds];
            CountDownLatch done = new CountDownLatch(seconds);
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            long start = System.nanoTime() + 1_000_000_000L;
            for (int i = 0; i < seconds; i++) {
                final int k = i;
                long due = start + k * 1_000_000_000L;
                sampler.schedule(() -> {
                    long t0 = System.nanoTime();
                    List<PowerSample> s = source.sample();
                    long t1 = System.nanoTime();
                    jitter[k] = Math.abs(t0 - due);
                    latency[k] = t1 - t0;
                    sizes[k] = s.size();
                    done.countDown();
                }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
            }
            done.await();
            sampler.shutdown();
            long wall = System.nanoTime() - wall0;
            long cpu = os.getProcessCpuTime() - cpu0;
            long srcCpu = sourceThreadsCpu(threads) - src0;
            long rows = source.rowsTotal() - rows0;
            System.out.printf("duration_s=%.1f gpus=8 interval_ms=%d rows=%d (expected ~%d)%n", wall / 1e9,
                    intervalMs, rows, 8L * seconds * 1000 / intervalMs);
            System.out.printf("jvm_cpu_percent_of_one_core=%.2f%n", 100.0 * cpu / wall);
            System.out.printf("source_threads_cpu_percent_of_one_core=%.2f%n", 100.0 * srcCpu / wall);
            System.out.printf("sampling_jitter_ms p50=%.3f p99=%.3f max=%.3f%n", pct(jitter, 50) / 1e6,
                    pct(jitter, 99) / 1e6, pct(jitter, 100) / 1e6);
            System.out.printf("sample_call_us p50=%.1f p99=%.1f%n", pct(latency, 50) / 1e3, pct(latency, 99) / 1e3);
            System.out.printf("samples_with_8_gpus=%d/%d health=%s%n",
                    Arrays.stream(sizes).filter(n -> n == 8).count(), seconds, source.health());
        }
    }

    /** CPU of the reader/stderr/supervisor threads (those named nvidia-smi-*). */
    private static long sourceThreadsCpu(ThreadMXBean mx) {
        long sum = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("nvidia-smi-")) {
                long c = mx.getThreadCpuTime(t.getId());
                sum += Math.max(c, 0);
            }
        }
        return sum;
    }

    private static double pct(long[] values, int p) {
        List<Long> sorted = new ArrayList<>();
        for (long v : values) {
            sorted.add(v);
        }
        sorted.sort(Long::compare);
        int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, at)));
    }
}
