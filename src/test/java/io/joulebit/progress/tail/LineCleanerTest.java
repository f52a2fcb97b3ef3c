package io.joulebit.progress.tail;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineCleanerTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("plain text", "plain text", "plain text"),
                Arguments.of("CRLF", "step 3 loss 2.5\r", "step 3 loss 2.5"),
                Arguments.of("progress bar redraws", " 10%|#  | 1/10\r 50%|## | 5/10\r100%|###| 10/10", "100%|###| 10/10"),
                Arguments.of("redraw then CRLF", "a\rb\r", "b"),
                Arguments.of("blank segments skipped", "   \rkept\r   ", "kept"),
                Arguments.of("only carriage returns", "\r\r", ""),
                Arguments.of("SGR colour", "\u001b[32mgreen\u001b[0m text", "green text"),
                Arguments.of("erase line then CR", "\u001b[2K\rstep 5", "step 5"),
                Arguments.of("cursor up with params", "a\u001b[1;2Ab", "ab"),
                Arguments.of("private mode CSI", "\u001b[?25lhidden cursor\u001b[?25h", "hidden cursor"),
                Arguments.of("OSC title, BEL", "\u001b]0;title\u0007loss=1", "loss=1"),
                Arguments.of("OSC hyperlink, ST", "\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\", "link"),
                Arguments.of("charset designation", "a\u001b(Bb", "ab"),
                Arguments.of("save/restore cursor", "\u001b7x\u001b8", "x"),
                Arguments.of("8-bit CSI", "\u009b31mred", "red"),
                Arguments.of("unterminated CSI at end", "tail\u001b[", "tail"),
                Arguments.of("lone ESC at end", "tail\u001b", "tail"),
                Arguments.of("unterminated OSC eats the rest", "x\u001b]0;never ends", "x"),
                Arguments.of("tabs and unicode kept", "a\tb \u00e9 \u2713", "a\tb \u00e9 \u2713"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cleans(String name, String raw, String expected) {
        assertThat(LineCleaner.clean(raw)).isEqualTo(expected);
    }
}
