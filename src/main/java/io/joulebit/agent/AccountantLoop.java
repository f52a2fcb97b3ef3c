package io.joulebit.agent;

import io.joulebit.power.PowerSample;
import io.joulebit.progress.StepEvent;
import io.joulebit.run.RunAccountant;
import io.joulebit.run.RunSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import io.joulebit.progress.tail.TailPosition;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The accountant's single writer thread. Sources hand their readings to a bounded queue and return at once; this
 * thread applies them in arrival order and publishes a snapshot after each batch (and at least every interval, so
 * elapsed time and source health stay fresh when nothing arrives). Publications are paced: the first reading after
 * a quiet spell is published at once, readings that follow within {@code minPublish} wait for the rest of that
 * spell and go out together. A log written line by line then costs one wake-up and one snapshot per spell, not per
 * line (bench/README.md: sidecar CPU), and a snapshot is never more than {@code minPublish} behind.
 */
public final class AccountantLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccountantLoop.class);
    private static final int CAPACITY = 1 << 16;
    /** Pacing of publications while readings keep arriving; far below any scrape or dashboard refresh. */
    public static final Duration DEFAULT_MIN_PUBLISH = Duration.ofMillis(250);

    private final RunAccountant accountant;
    private final long idlePublishNanos;
    private final long minPublishNanos;
    private long lastPublishNanos = System.nanoTime() - Long.MAX_VALUE / 4;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final LongAdder dropped = new LongAdder();
    private final List<Consumer<RunSnapshot>> listeners = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile TailPosition appliedPosition;

    public AccountantLoop(RunAccountant accountant, Duration idlePublish) {
        this(accountant, idlePublish, DEFAULT_MIN_PUBLISH);
    }

    /** @param minPublish shortest time between two publications while readings keep arriving (zero: no pacing) */
    public AccountantLoop(RunAccountant accountant, Duration idlePublish, Duration minPublish) {
        this.accountant = accountant;
        this.idlePublishNanos = idlePublish.toNanos();
        this.minPublishNanos = minPublish.toNanos();
        this.thread = new Thread(this::loop, "joulebit-accountant");
        this.thread.setDaemon(true);
    }

    /** Called after each publication on the writer thread (e.g. the store's checkpointer); must not block. */
    public void onPublish(Consumer<RunSnapshot> listener) { listeners.add(listener); }

    public void start() { thread.start(); }

    public void powerBatch(List<PowerSample> samples) { offer(samples); }

    public void step(StepEvent e) { offer(e); }

    /** A step read from a log, with the log position just after its line (see {@link #appliedPosition()}). */
    public void step(StepEvent e, Optional<TailPosition> position) {
        offer(position.isPresent() ? new Positioned(e, position.get()) : e);
    }

    /** The log position of the last step the accountant has applied: what a checkpoint may safely resume from. */
    public Optional<TailPosition> appliedPosition() { return Optional.ofNullable(appliedPosition); }

    private record Positioned(StepEvent event, TailPosition position) {}

    public void steps(List<StepEvent> events) { offer(events); }

    /** Items refused because the queue was full (the writer fell far behind). */
    public long dropped() { return dropped.sum(); }

    private void offer(Object item) {
        if (!queue.offer(item)) dropped.increment();
    }

    private void loop() {
        List<Object> batch = new ArrayList<>(256);
        while (running) {
            try {
                Object first = queue.poll(idlePublishNanos, TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    // Pacing is scheduling, not accounting: the real monotonic clock, like the poll above.
                    long wait = lastPublishNanos + minPublishNanos - System.nanoTime();
                    if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                    drainAndApply(batch);
                }
                publish();
            } catch (InterruptedException e) {
                batch.forEach(this::apply); // taken off the queue before a paced wait: close() would not see it
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("accountant failed on an event; carrying on", e); // never lose the writer thread
            }
        }
    }

    private void drainAndApply(List<Object> batch) {
        do {
            for (Object o : batch) {
                try {
                    apply(o);
                } catch (RuntimeException e) {
                    LOG.error("accountant failed on an event; carrying on", e); // one bad event drops only itself
                }
            }
            batch.clear();
        } while (queue.drainTo(batch, 4096) > 0);
    }

    private void publish() {
        lastPublishNanos = System.nanoTime();
        RunSnapshot s = accountant.publish();
        for (Consumer<RunSnapshot> l : listeners) l.accept(s);
    }

    @SuppressWarnings("unchecked")
    private void apply(Object o) {
        if (o instanceof StepEvent e) {
            accountant.onStep(e);
        } else if (o instanceof Positioned p) {
            accountant.onStep(p.event());
            appliedPosition = p.position();
        } else if (o instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof StepEvent) {
            for (StepEvent e : (List<StepEvent>) list) accountant.onStep(e);
        } else if (o instanceof List<?> list) {
            for (PowerSample s : (List<PowerSample>) list) accountant.onPower(s);
        }
    }

    /** Apply everything queued, publish once more, and stop the thread. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Object> rest = new ArrayList<>();
        queue.drainTo(rest);
        rest.forEach(this::apply);
        publish();
    }
}
