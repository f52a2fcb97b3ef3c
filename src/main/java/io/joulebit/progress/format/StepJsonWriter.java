package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes one JSON object per event ({@code step, phase, loss_nats, tokens, lr}) into a byte buffer flushed in big
 * chunks. Doubles are written with 15 significant digits by integer arithmetic (Java 17's Double.toString is the
 * bottleneck at millions of lines); non-finite values become null, as JSON has no NaN.
 */
public final class StepJsonWriter implements AutoCloseable {
    private static final byte[] HEX = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int pos;

    public StepJsonWriter(OutputStream out) { this.out = out; }

    public void write(StepEvent e) throws IOException {
        if (pos > buf.length - 512) flush();
        ascii("{\"step\":");
        writeLong(e.step());
        ascii(",\"phase\":\"");
        ascii(e.phase().label());
        ascii("\",\"loss_nats\":");
        if (e.lossNats().isPresent()) writeDouble(e.lossNats().getAsDouble()); else ascii("null");
        ascii(",\"tokens\":");
        if (e.tokens().isPresent()) writeLong(e.tokens().getAsLong()); else ascii("null");
        ascii(",\"lr\":");
        if (e.learningRate().isPresent()) writeDouble(e.learningRate().getAsDouble()); else ascii("null");
        ascii("}\n");
    }

    private void ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) buf[pos++] = (byte) s.charAt(i);
    }

    private void writeLong(long v) {
        if (v == Long.MIN_VALUE) { ascii(Long.toString(v)); return; }
        if (v < 0) { buf[pos++] = '-'; v = -v; }
        int start = pos;
        do { buf[pos++] = HEX[(int) (v % 10)]; v /= 10; } while (v != 0);
        for (int i = start, j = pos - 1; i < j; i++, j--) { byte t = buf[i]; buf[i] = buf[j]; buf[j] = t; }
    }

    /** 15 significant digits, trailing zeros trimmed; scientific notation outside 1e-5..1e15. */
    void writeDouble(double v) {
        if (!Double.isFinite(v)) { ascii("null"); return; }
        if (v == 0) { ascii("0.0"); return; }
        if (v < 0) { buf[pos++] = '-'; v = -v; }
        int exp = (int) Math.floor(Math.log10(v));
        if (exp < -300 || exp > 300) { ascii(Double.toString(v)); return; }
        long m = Math.round(v * pow10(14 - exp));           // 15-digit mantissa, one rounding
        if (m >= 1_000_000_000_000_000L) { m = Math.round(m / 10.0); exp++; }
        else if (m < 100_000_000_000_000L) { m = Math.round(v * pow10(15 - exp)); exp--; }
        if (m >= 1_000_000_000_000_000L) { m /= 10; exp++; }
        byte[] d = new byte[15];
        for (int i = 14; i >= 0; i--) { d[i] = HEX[(int) (m % 10)]; m /= 10; }
        int last = 14;
        while (last > 0 && d[last] == '0') last--;
        if (exp >= 0 && exp < 15) {
            for (int i = 0; i <= exp; i++) buf[pos++] = d[i];
            buf[pos++] = '.';
            if (last <= exp) buf[pos++] = '0'; else for (int i = exp + 1; i <= last; i++) buf[pos++] = d[i];
        } else if (exp < 0 && exp >= -5) {
            buf[pos++] = '0';
            buf[pos++] = '.';
            for (int i = -1; i > exp; i--) buf[pos++] = '0';
            for (int i = 0; i <= last; i++) buf[pos++] = d[i];
        } else {
            buf[pos++] = d[0];
            buf[pos++] = '.';
            if (last == 0) buf[pos++] = '0'; else for (int i = 1; i <= last; i++) buf[pos++] = d[i];
            buf[pos++] = 'E';
            writeLong(exp);
        }
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
