package io.joulebit.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DemoCorpusTest {
    @Test
    void shippedTextIsTheShakespeareSample() {
        DemoCorpus c = DemoCorpus.shipped();

        assertThat(c.length()).isBetween(40_000, 70_000);
        assertThat(c.vocabSize()).isBetween(40, 100);
        // English letters: well below the uniform log(vocab) and well above zero
        assertThat(c.unigramEntropyNats()).isBetween(2.5, Math.log(c.vocabSize()) - 0.3);
    }

    @Test
    void windowsAreContextThenTheNextCharacter() {
        String text = "abcdefghijklmnopqrst"; // 20 distinct chars; ids are alphabet positions
        DemoCorpus c = DemoCorpus.of(text);
        long[] x = new long[64 * 3];
        long[] y = new long[64];

        c.sample(new Random(1), false, 3, x, y);

        for (int b = 0; b < y.length; b++) {
            long start = x[b * 3];
            assertThat(new long[] {x[b * 3 + 1], x[b * 3 + 2], y[b]}).containsExactly(start + 1, start + 2, start + 3);
            assertThat(y[b]).isLessThan(18); // training part is the first 18 characters
        }
    }

    @Test
    void heldOutWindowsComeFromTheLastTenth() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append((char) ('!' + i % 90));
        }
        DemoCorpus c = DemoCorpus.of(sb.toString());
        long[] x = new long[32 * 2];
        long[] y = new long[32];

        c.sample(new Random(2), true, 2, x, y);

        for (long id : x) {
            assertThat(id).isBetween(0L, 9L); // positions 90..99 hold ids 0..9
        }
    }

    @Test
    void entropyOfAUniformTextIsLogOfItsAlphabet() {
        assertThat(DemoCorpus.of("abcdabcdabcd").unigramEntropyNats()).isCloseTo(Math.log(4), within(1e-12));
        assertThat(DemoCorpus.of("aaaa").unigramEntropyNats()).isZero();
    }

    @Test
    void aContextLongerThanThePartIsRejected() {
        DemoCorpus c = DemoCorpus.of("abcdefghijklmnopqrst");
        assertThatThrownBy(() -> c.sample(new Random(3), true, 5, new long[5], new long[1]))
                .hasMessageContaining("contextChars");
    }
}
