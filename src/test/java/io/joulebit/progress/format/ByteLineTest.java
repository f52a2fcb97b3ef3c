package io.joulebit.progress.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The per-line caches detection shares between formats must follow the view when the reader moves it. */
class ByteLineTest {
    private static final byte[] BUF = "3: step 1 loss 2.5\n[rank0]: step 2 loss 2.4\n3: step 9 loss 2.5\nplain\n"
            .getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void textAndPrefixAreWorkedOutOncePerLineAndAgainForTheNext() {
        ByteLine line = new ByteLine();
        line.set(BUF, 0, 18, 0);
        assertSame(line.toString(), line.toString());
        assertEquals("3: step 1 loss 2.5", line.toString());
        assertEquals(3, line.rankPrefix());
        assertSame(line.afterPrefix(), line.afterPrefix());
        assertEquals("step 1 loss 2.5", line.afterPrefix().toString());

        line.set(BUF, 19, 24, 0);
        assertEquals("[rank0]: step 2 loss 2.4", line.toString());
        assertEquals(9, line.rankPrefix());
        assertEquals("step 2 loss 2.4", line.afterPrefix().toString());

        // same offset and length as the first line, other bytes: nothing cached may survive the move
        byte[] other = BUF.clone();
        System.arraycopy(BUF, 44, other, 0, 18);
        line.set(other, 0, 18, 0);
        assertEquals("step 9 loss 2.5", line.afterPrefix().toString());

        line.set(BUF, 63, 5, 0);
        assertEquals(0, line.rankPrefix());
        assertEquals("plain", line.toString());
    }
}
