package io.joulebit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.joulebit.progress.StepEvent;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

class WriteQueueTest {
    private static final long NO_WAIT = 0;

    private static StepRow step(long n) { return StepRow.of("r1", StepEvent.train(n, 1.0), Instant.EPOCH); }

    @Test
    void fullQueueDropsTheOldestJournalRowsAndCountsThem() throws Exception {
        WriteQueue q = new WriteQueue(3, 10);
        for (long n = 1; n <= 5; n++) q.offer(step(n));
        assertThat(q.dropped()).isEqualTo(2);
        assertThat(q.take(NO_WAIT).rows()).extracting(r -> ((StepRow) r).step()).containsExactly(3L, 4L, 5L);
    }

    @Test
    void aNewerCheckpointReplacesAnUnwrittenOlderOneAndNoneIsDroppedByRows() throws Exception {
        WriteQueue q = new WriteQueue(1, 10);
        q.offer(StoreFixture.checkpoint("r1", Instant.EPOCH, 1, 10));
        q.offer(StoreFixture.checkpoint("r2", Instant.EPOCH, 1, 10));
        for (long n = 0; n < 10; n++) q.offer(step(n));
        q.offer(StoreFixture.checkpoint("r1", Instant.EPOCH, 2, 20));
        WriteBatch b = q.take(NO_WAIT);
        assertThat(b.checkpoints()).extracting(Checkpoint::runId, Checkpoint::steps)
                .containsExactly(Tuple.tuple("r2", 1L), Tuple.tuple("r1", 2L));
        assertThat(q.dropped()).isEqualTo(9);
    }

    @Test
    void aFailedBatchGoesBackInFrontWithinBoundsAndANewerCheckpointWins() throws Exception {
        WriteQueue q = new WriteQueue(4, 10);
        q.offer(step(1));
        q.offer(step(2));
        q.offer(new WriteBatch.End("r1", Instant.EPOCH));
        q.offer(StoreFixture.checkpoint("r1", Instant.EPOCH, 1, 10));
        WriteBatch failed = q.take(NO_WAIT);
        q.offer(step(3));
        q.offer(step(4));
        q.offer(step(5));
        q.offer(StoreFixture.checkpoint("r1", Instant.EPOCH, 2, 20));
        q.done(failed, false);

        assertThat(q.dropped()).isEqualTo(1); // 5 rows for 4 places: the oldest (step 1) goes
        WriteBatch retry = q.take(NO_WAIT);
        assertThat(retry.rows()).extracting(r -> ((StepRow) r).step()).containsExactly(2L, 3L, 4L, 5L);
        assertThat(retry.runChanges()).containsExactly(new WriteBatch.End("r1", Instant.EPOCH));
        assertThat(retry.checkpoints()).extracting(Checkpoint::steps).containsExactly(2L);
    }

    @Test
    void rowsWaitForAFullBatchButACheckpointIsTakenAtOnce() throws Exception {
        WriteQueue q = new WriteQueue(100, 10);
        q.offer(step(1));
        long waited = System.nanoTime();
        assertThat(q.take(TimeUnit.MILLISECONDS.toNanos(30)).rows()).hasSize(1); // waited out the flush interval
        assertThat(System.nanoTime() - waited).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
        for (long n = 0; n < 25; n++) q.offer(step(n));
        assertThat(q.take(TimeUnit.HOURS.toNanos(1)).rows()).hasSize(10);
        assertThat(q.take(TimeUnit.HOURS.toNanos(1)).rows()).hasSize(10);
        q.offer(StoreFixture.checkpoint("r1", Instant.EPOCH, 1, 10));
        WriteBatch b = q.take(TimeUnit.HOURS.toNanos(1));
        assertThat(b.rows()).hasSize(5);
        assertThat(b.checkpoints()).hasSize(1);
    }

    @Test
    void flushWaitsForTheWriterAndFailsWhileItCannotWrite() throws Exception {
        WriteQueue q = new WriteQueue(10, 10);
        q.offer(step(1));
        assertThat(q.flush(TimeUnit.MILLISECONDS.toNanos(20))).isFalse(); // nobody writes
        WriteBatch b = q.take(TimeUnit.HOURS.toNanos(1)); // flush requested: no waiting
        assertThat(q.pending()).isZero();
        assertThat(q.flush(0)).isFalse(); // in flight
        q.done(b, true);
        assertThat(q.flush(0)).isTrue();
        assertThat(q.pending()).isZero();
    }

    @Test
    void afterCloseRowsAreCountedAsDroppedAndCheckpointsIgnored() throws Exception {
        WriteQueue q = new WriteQueue(10, 10);
        q.close();
        q.offer(step(1));
        q.offer(StoreFixture.checkpoint("r1", Instant.EPOCH, 1, 10));
        assertThat(q.dropped()).isEqualTo(1);
        assertThat(q.take(TimeUnit.HOURS.toNanos(1)).isEmpty()).isTrue();
        assertThat(q.isClosed()).isTrue();
    }
}
