package io.joulebit.cli;

import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The typed getters: each value converts or is refused with one line naming the option and the value. */
class ArgsTest {
    enum Format { text, json }

    private static Args parse(String... argv) throws ParseException {
        return new Args(DefaultParser.builder().setAllowPartialMatching(false).get().parse(new OptionList()
                .value("n", "N", "").value("x", "X", "").value("list", "NAME", "").value("format", "F", "")
                .value("path", "P", "").flag("yes", "").get(), argv));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            42                   | 42
            -5                   | -5
            ' 7 '                | 7
            9223372036854775807  | 9223372036854775807
            """)
    void wholeNumbers(String text, long expected) throws ParseException {
        assertThat(parse("--n", text).wholeNumber("n")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            n | 1.5                  | --n: '1.5' is not a whole number
            n | 1e3                  | --n: '1e3' is not a whole number
            n | 9223372036854775808  | --n: '9223372036854775808' is not a whole number
            n | ''                   | --n: '' is not a whole number
            x | abc                  | --x: 'abc' is not a number
            format | xml             | --format: 'xml' is not one of text, json
            """)
    void badValuesNameTheOptionAndTheValue(String option, String text, String message) throws ParseException {
        Args a = parse("--" + option, text);
        assertThatThrownBy(() -> {
            if (option.equals("n")) a.wholeNumber("n");
            else if (option.equals("x")) a.number("x", 0);
            else a.choice("format", Format.class, Format.text);
        }).isInstanceOf(UsageException.class).hasMessage(message);
    }

    @Test
    void absentValuesTakeTheDefaults() throws ParseException {
        Args a = parse();
        assertThat(a.wholeNumber("n")).isNull();
        assertThat(a.wholeNumber("n", 3)).isEqualTo(3);
        assertThat(a.number("x", 1.5)).isEqualTo(1.5);
        assertThat(a.choice("format", Format.class, Format.json)).isEqualTo(Format.json);
        assertThat(a.path("path", Path.of("/sys"))).isEqualTo(Path.of("/sys"));
        assertThat(a.list("list")).isEmpty();
        assertThat(a.flag("yes")).isFalse();
        assertThat(a.parameter(0)).isNull();
    }

    @Test
    void listsSplitOnCommasAndRepeat() throws ParseException {
        assertThat(parse("--list", "rapl, nvml", "--list=estimate", "--list", "a,,b").list("list"))
                .containsExactly("rapl", "nvml", "estimate", "a", "b");
    }

    @Test
    void aSingleValueGivenTwiceIsRefused() throws ParseException {
        Args a = parse("--x", "1", "--x", "2");
        assertThatThrownBy(() -> a.number("x", 0)).hasMessage("--x: given more than once ('1', '2')");
        assertThat(a.strings("x")).isEqualTo(List.of("1", "2"));
    }

    @Test
    void numbersAndIntegers() throws ParseException {
        assertThat(parse("--x", "2e-3").number("x", 0)).isEqualTo(0.002);
        assertThatThrownBy(() -> parse("--n", "3000000000").integer("n", 0))
                .hasMessage("--n: '3000000000' is out of range");
        assertThat(parse("--path", "a/b", "FILE").pathParameter(0, "FILE")).isEqualTo(Path.of("FILE"));
        assertThatThrownBy(() -> parse("--path", "a\0b").path("path")).hasMessageStartingWith("--path: 'a\0b' is not a path");
    }
}
