package io.joulebit.progress.replay;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

/**
 * Two stages of replay-log on two threads: a producer thread fills a few reusable items in order, the caller's thread
 * takes them in that order and hands each back when done with it ({@link ReadAhead}'s chunks, {@link StepReplay}'s
 * batches). Nothing is lost to a failure: an item whose filling threw is handed over as far as it got, and the
 * failure reaches the taker after it.
 */
final class Handoff<T> implements AutoCloseable {
    /** Fills {@code item}; true when it is the last. */
    @FunctionalInterface
    interface Filler<T> {
        boolean fill(T item) throws IOException;
    }

    private static final Object END = new Object();
    private final BlockingQueue<T> free;
    private final BlockingQueue<Object> filled;
    private final Thread thread;
    private volatile Throwable failure;
    private boolean ended;

    /** Starts the producer; it makes up to {@code items} items with {@code make}, as it needs them. */
    Handoff(String threadName, int items, Supplier<T> make, Filler<T> filler) {
        free = new ArrayBlockingQueue<>(items);
        filled = new ArrayBlockingQueue<>(items + 1);
        thread = new Thread(() -> produce(items, make, filler), threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The next item in order, or null after the last; after the items filled before a failure, throws it. */
    T take() throws IOException {
        if (ended) return end();
        Object o;
        try {
            o = filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("replay interrupted");
        }
        if (o == END) {
            ended = true;
            return end();
        }
        @SuppressWarnings("unchecked") T item = (T) o;
        return item;
    }

    /** Hands an item that is no longer looked at back for refilling. */
    void recycle(T item) { free.offer(item); }

    private T end() throws IOException {
        Throwable f = failure;
        if (f instanceof IOException io) throw io;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
        return null;
    }

    private void produce(int items, Supplier<T> make, Filler<T> filler) {
        try {
            int made = 0;
            boolean last;
            do {
                T item = free.poll();
                if (item == null) item = made++ < items ? make.get() : free.take();
                try {
                    last = filler.fill(item);
                } catch (IOException | RuntimeException | Error e) {
                    failure = e;
                    last = true;
                }
                filled.put(item);
            } while (!last);
            filled.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();        // closed: nobody takes any more
        }
    }

    /** Stops the producer (it may be waiting for an item to fill). */
    @Override
    public void close() { thread.interrupt(); }
}
