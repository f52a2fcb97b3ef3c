package io.joulebit.progress.format;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Property tests: numbers read from bytes are bit-identical to Double.parseDouble and to the CharSequence scanner. */
class ByteScanTest {
    static final int CASES = Integer.getInteger("joulebit.fuzz.cases", 50_000);

    /** A decimal Double.parseDouble accepts: sign, up to 25 digits around an optional point, optional exponent. */
    static String decimal(Random rnd) {
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(4) == 0) b.append(rnd.nextBoolean() ? '-' : '+');
        int whole = rnd.nextInt(rnd.nextBoolean() ? 4 : 21);
        int frac = rnd.nextInt(rnd.nextBoolean() ? 8 : 21);
        if (whole == 0 && frac == 0) whole = 1;
        for (int i = 0; i < whole; i++) b.append((char) ('0' + rnd.nextInt(10)));
        if (frac > 0 || rnd.nextInt(8) == 0) b.append('.');
        for (int i = 0; i < frac; i++) b.append((char) ('0' + rnd.nextInt(10)));
        if (rnd.nextInt(3) == 0) {
            b.append(rnd.nextBoolean() ? 'e' : 'E');
            if (rnd.nextBoolean()) b.append(rnd.nextBoolean() ? '-' : '+');
            b.append(rnd.nextInt(rnd.nextBoolean() ? 30 : 400));
        }
        return b.toString();
    }

    @Test
    void decimalsAreBitIdenticalToParseDouble() {
        Random rnd = new Random(7);
        ByteScan scan = new ByteScan();
        for (int i = 0; i < CASES; i++) {
            String s = decimal(rnd);
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(scan.number(b, 0, b.length)).as(s).isTrue();
            assertThat(Double.doubleToRawLongBits(scan.value)).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
            assertThat(scan.end).as(s).isEqualTo(b.length);
        }
    }

    @Test
    void hardCasesTakeTheExactPath() {
        ByteScan scan = new ByteScan();
        for (String s : new String[] {"9007199254740993", "2.2250738585072011e-308", "4.9e-324", "1.7976931348623157e308",
            "1e23", "8.41e21", "123456789012345678901234567890", "0.1000000000000000055511151231257827", "-0", "1e-400"}) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            assertThat(scan.number(b, 0, b.length)).isTrue();
            assertThat(Double.doubleToRawLongBits(scan.value)).as(s).isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(s)));
        }
    }

    @Test
    void anyLatin1TextReadsAsTheCharSequenceScannerReadsIt() {
        String alphabet = "0123456789 \t:=.,-+eEnaNAiIfFtyTY|x\u00e9\u00c4\u00b5\u0080\u00ff";
        Random rnd = new Random(11);
        ByteScan bytes = new ByteScan();
        Scan chars = new Scan();
        byte[] key = ByteScan.ascii("x");
        for (int i = 0; i < CASES; i++) {
            StringBuilder sb = new StringBuilder();
            int n = rnd.nextInt(24);
            for (int j = 0; j < n; j++) sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            String s = rnd.nextInt(4) == 0 ? sb + decimal(rnd) : sb.toString();
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            int from = rnd.nextInt(b.length + 1);
            assertThat(bytes.number(b, from, b.length)).as(s).isEqualTo(chars.number(s, from));
            if (chars.number(s, from)) {
                assertThat(Double.doubleToRawLongBits(bytes.value)).as(s).isEqualTo(Double.doubleToRawLongBits(chars.value));
                assertThat(bytes.end).as(s).isEqualTo(chars.end);
            }
            assertThat(bytes.integer(b, from, b.length)).as(s).isEqualTo(chars.integer(s, from));
            assertThat(bytes.numberAfter(b, key, 0, b.length)).as(s).isEqualTo(chars.numberAfter(s, "x", 0));
            assertThat(ByteScan.indexOf(b, key, from, b.length, b.length)).as(s).isEqualTo(Scan.indexOf(s, "x", from));
        }
    }
}
