package io.joulebit.progress.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class HandoffTest {
    /** A reusable item: the numbers one fill wrote. */
    private static final class Box {
        final List<Integer> values = new ArrayList<>();
    }

    @Test
    void itemsArriveInOrderReusedAndTheEndIsNullEverAfter() throws IOException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger made = new AtomicInteger();
        List<Integer> got = new ArrayList<>();
        try (Handoff<Box> h = new Handoff<>("test", 2, () -> { made.incrementAndGet(); return new Box(); }, b -> {
            b.values.clear();
            for (int i = 0; i < 3; i++) b.values.add(next.getAndIncrement());
            return next.get() >= 30;
        })) {
            for (Box b; (b = h.take()) != null; ) {
                got.addAll(b.values);
                h.recycle(b);
            }
            assertThat(h.take()).isNull();
        }
        assertThat(got).hasSize(30).isSorted().startsWith(0, 1, 2).endsWith(29);
        assertThat(made.get()).isBetween(1, 2);
    }

    @Test
    void whatWasFilledBeforeAFailureArrivesThenTheFailure() throws IOException {
        AtomicInteger fills = new AtomicInteger();
        List<Integer> got = new ArrayList<>();
        try (Handoff<Box> h = new Handoff<>("test", 2, Box::new, b -> {
            b.values.clear();
            b.values.add(fills.get());
            if (fills.incrementAndGet() == 4) throw new IOException("disk gone");
            return false;
        })) {
            assertThatThrownBy(() -> {
                for (Box b; (b = h.take()) != null; ) {
                    got.addAll(b.values);
                    h.recycle(b);
                }
            }).isInstanceOf(IOException.class).hasMessage("disk gone");
            assertThatThrownBy(h::take).hasMessage("disk gone");
        }
        assertThat(got).containsExactly(0, 1, 2, 3);   // the fourth fill's work, up to where it threw, included
    }
}
