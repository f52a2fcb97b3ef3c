package io.joulebit.progress.replay;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.StepRecord;
import io.joulebit.progress.json.StepEventJson;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * replay-log's output: one JSON object per event ({@code step, phase, loss_nats, tokens, lr}, the names of
 * {@link StepEventJson}) into a byte buffer flushed in big chunks. Doubles are written with 15 significant digits by
 * integer arithmetic; non-finite values and absent fields become null, as JSON has no NaN.
 *
 * <p>The one hand-made JSON writer of the project, kept because it was measured: 2M replay-shaped events took
 * 430-680 ms here against 1 250-1 480 ms through Jackson's generator with its fast (Schubfach) double writer, five
 * rounds each on a loaded 2-core box (load 12, 2026-12-06, {@code JsonWriterBench} in the tests), and the whole
 * {@code bench/replay-log.sh} replay of 2M lines has about 1.8 s to beat awk: Jackson would spend half of it here.
 * Its 15-digit number text is also what the golden files of replay-log hold. The HTTP poster and ingest use
 * {@link StepEventJson} and {@link io.joulebit.progress.json.StepEventReader}.
 */
public final class StepJsonWriter implements AutoCloseable {
    private static final byte[] ONES_DIGIT = new byte[100];
    private static final byte[] TENS_DIGIT = new byte[100];
    private static final byte[] STEP = bytes("{\"" + StepEventJson.STEP + "\":");
    private static final byte[] PHASE_TRAIN = phase(Phase.TRAIN);
    private static final byte[] PHASE_EVAL = phase(Phase.EVAL);
    private static final byte[] TOKENS = bytes(",\"" + StepEventJson.TOKENS + "\":");
    private static final byte[] LR = bytes(",\"" + StepEventJson.LR + "\":");
    private static final byte[] CLOSE = bytes("}\n");
    private static final byte[] NULL = bytes("null");
    static {
        for (int i = 0; i < 100; i++) {
            ONES_DIGIT[i] = (byte) ('0' + i % 10);
            TENS_DIGIT[i] = (byte) ('0' + i / 10);
        }
    }

    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private final byte[] digits = new byte[16];
    private int pos;

    public StepJsonWriter(OutputStream out) { this.out = out; }

    public void write(StepEvent e) throws IOException {
        write(e.step(), e.phase(), e.lossNats().isPresent(), e.lossNats().orElse(Double.NaN),
                e.tokens().isPresent(), e.tokens().orElse(0), e.learningRate().isPresent(),
                e.learningRate().orElse(Double.NaN));
    }

    /** The same object from a reusable record (replay-log's allocation-free path). */
    void write(StepRecord r) throws IOException {
        write(r.step, r.phase, r.hasLoss, r.lossNats, r.hasTokens, r.tokens, r.hasLr, r.lr);
    }

    private void write(long step, Phase phase, boolean hasLoss, double loss, boolean hasTokens, long tokens,
                       boolean hasLr, double lr) throws IOException {
        if (pos > buf.length - 512) flush();
        ascii(STEP);
        writeLong(step);
        ascii(phase == Phase.TRAIN ? PHASE_TRAIN : PHASE_EVAL);
        if (hasLoss) writeDouble(loss); else ascii(NULL);
        ascii(TOKENS);
        if (hasTokens) writeLong(tokens); else ascii(NULL);
        ascii(LR);
        if (hasLr) writeDouble(lr); else ascii(NULL);
        ascii(CLOSE);
    }

    private void ascii(byte[] s) {
        System.arraycopy(s, 0, buf, pos, s.length);
        pos += s.length;
    }

    private void ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) buf[pos++] = (byte) s.charAt(i);
    }

    private void writeLong(long v) {
        if (v == Long.MIN_VALUE) { ascii(Long.toString(v)); return; }
        if (v < 0) { buf[pos++] = '-'; v = -v; }
        int n = 1;
        for (long t = 10; n < 19 && v >= t; t *= 10) n++;
        int p = pos + n;
        pos = p;
        while (v >= 100_000_000L) {                 // eight digits at a time, then int arithmetic
            long q = v / 100_000_000L;
            p = eightDigits((int) (v - q * 100_000_000L), p);
            v = q;
        }
        int x = (int) v;
        while (x >= 100) {
            int q = x / 100;
            int r = x - q * 100;
            buf[--p] = ONES_DIGIT[r];
            buf[--p] = TENS_DIGIT[r];
            x = q;
        }
        if (x >= 10) { buf[--p] = ONES_DIGIT[x]; buf[--p] = TENS_DIGIT[x]; } else buf[--p] = (byte) ('0' + x);
    }

    /** The eight digits of x (zero-padded) ending just before index {@code end} of buf; returns their start. */
    private int eightDigits(int x, int end) { return eightDigits(x, buf, end); }

    private static int eightDigits(int x, byte[] to, int end) {
        for (int k = 0; k < 4; k++) {
            int q = x / 100;
            int r = x - q * 100;
            to[--end] = ONES_DIGIT[r];
            to[--end] = TENS_DIGIT[r];
            x = q;
        }
        return end;
    }

    /** 15 significant digits, trailing zeros trimmed; scientific notation outside 1e-5..1e15. */
    void writeDouble(double v) {
        if (!Double.isFinite(v)) { ascii("null"); return; }
        if (v == 0) { ascii("0.0"); return; }
        if (v < 0) { buf[pos++] = '-'; v = -v; }
        int exp = decimalExponent(v);
        if (exp < -300 || exp > 300) { ascii(Double.toString(v)); return; }
        long m = Math.round(v * pow10(14 - exp));           // 15-digit mantissa, one rounding
        if (m >= 1_000_000_000_000_000L) { m = Math.round(m / 10.0); exp++; }
        else if (m < 100_000_000_000_000L) { m = Math.round(v * pow10(15 - exp)); exp--; }
        if (m >= 1_000_000_000_000_000L) { m /= 10; exp++; }
        byte[] d = digits;
        long hi = m / 100_000_000L;                         // m < 10^15: 7 + 8 digits
        eightDigits((int) (m - hi * 100_000_000L), d, 16);
        eightDigits((int) hi, d, 8);                        // d[0] is the leading zero pad, overwritten below
        System.arraycopy(d, 1, d, 0, 15);
        int last = 14;
        while (last > 0 && d[last] == '0') last--;
        int p = pos;
        if (exp >= 0 && exp < 15) {
            p = copy(d, 0, exp + 1, p);
            buf[p++] = '.';
            if (last <= exp) buf[p++] = '0'; else p = copy(d, exp + 1, last - exp, p);
        } else if (exp < 0 && exp >= -5) {
            buf[p++] = '0';
            buf[p++] = '.';
            for (int i = -1; i > exp; i--) buf[p++] = '0';
            p = copy(d, 0, last + 1, p);
        } else {
            buf[p++] = d[0];
            buf[p++] = '.';
            if (last == 0) buf[p++] = '0'; else p = copy(d, 1, last, p);
            buf[p++] = 'E';
            pos = p;
            writeLong(exp);
            return;
        }
        pos = p;
    }

    private int copy(byte[] from, int at, int n, int p) {
        System.arraycopy(from, at, buf, p, n);
        return p + n;
    }

    /**
     * floor(Math.log10(v)) for finite v > 0, exactly as that expression gives it, mostly without the logarithm: by
     * table look-up away from powers of ten, where a log within its 1-ulp error cannot cross an integer.
     */
    static int decimalExponent(double v) {
        if (v >= 1e-20 && v < 1e20) {
            int k = (int) Math.floor(Math.getExponent(v) * LOG10_2);    // true exponent or one below it
            // plus one when v >= 10^(k+1), with no branch (positive doubles order as their bits): a branch the JIT
            // had not yet seen taken sent the whole writer back to the interpreter when a loss or learning rate
            // crossed a power of two next to a power of ten, and it was compiled again (LogCompilation)
            k += (int) ((Double.doubleToRawLongBits(P10[k + 23]) - Double.doubleToRawLongBits(v) - 1) >>> 63);
            double lo = P10[k + 22];
            double hi = P10[k + 23];
            if (v > lo * (1 + NEAR) && v < hi * (1 - NEAR)) return k;
        }
        double lg = Math.log10(v);
        int exp = (int) lg;
        return exp > lg ? exp - 1 : exp;
    }

    private static final double LOG10_2 = 0.30102999566398119521;
    private static final double NEAR = 1e-13;
    /** 1e-22 .. 1e22, index e + 22. */
    private static final double[] P10 = new double[45];

    static {
        for (int e = -22; e <= 22; e++) P10[e + 22] = Double.parseDouble("1e" + e);
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.US_ASCII); }

    private static byte[] phase(Phase p) {
        return bytes(",\"" + StepEventJson.PHASE + "\":\"" + p.label() + "\",\"" + StepEventJson.LOSS_NATS + "\":");
    }

    private static double pow10(int e) {
        return e >= 0 && e <= 22 ? POW[e] : Math.pow(10, e);
    }

    private static final double[] POW = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    public void flush() throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
        out.flush();
    }

    @Override public void close() throws IOException { flush(); }
}
