package io.joulebit.progress.format;

import io.joulebit.progress.Phase;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Megatron-LM and Megatron-DeepSpeed: {@code iteration 100/ 500000 | consumed samples: 51200 | ... | learning rate:
 * 1.5E-04 | global batch size: 512 | lm loss: 7.12E+00 | ...}. Hand-scanned over bytes, no regex: this is the hot
 * path of replay-log, which hands it raw lines ({@link ByteLineFormat}). Other text is scanned as its bytes
 * (ISO-8859-1 when every char fits, which is what a {@link ByteLine} shows; UTF-8 otherwise). An iteration without
 * {@code lm loss} (a skipped iteration) is still a step, with the loss absent. {@code validation loss at iteration
 * N | lm loss value: X} is an eval point.
 * Source: NVIDIA/Megatron-LM {@code megatron/training/training.py} (core_r0.8–r0.12), {@code training_log}: {@code '
 * iteration {:8d}/{:8d} |'}, {@code ' consumed samples: {:12d} |'}, {@code ' learning rate: {:.6E} |'}, {@code ' global
 * batch size: {:5d} |'}, {@code ' {key}: {:.6E} |'} per loss ({@code lm loss}), skipped/nan iteration counts; {@code
 * evaluate_and_print_results}: {@code 'validation loss at iteration {} | lm loss value: {:.6E} | lm loss PPL: {:.6E}
 * |'}. Megatron-DeepSpeed's {@code training.py} adds {@code consumed tokens} to the same line.
 */
public final class MegatronFormat extends StepFormat implements ByteLineFormat {
    public static final String NAME = "megatron";
    private static final byte[] ITERATION = ByteScan.ascii("iteration");
    private static final byte[] VALIDATION = ByteScan.ascii("validation loss at");
    private static final byte[] CONSUMED_SAMPLES = ByteScan.ascii("consumed samples:");
    private static final byte[] CONSUMED_TOKENS = ByteScan.ascii("consumed tokens:");
    private static final byte[] LM_LOSS = ByteScan.ascii("lm loss:");
    private static final byte[] LM_LOSS_VALUE = ByteScan.ascii("lm loss value");
    private static final byte[] LEARNING_RATE = ByteScan.ascii("learning rate:");
    private static final byte[] GLOBAL_BATCH = ByteScan.ascii("global batch size:");

    private final ByteScan scan = new ByteScan();
    private final StepRecord rec = new StepRecord();
    private byte[] text = new byte[256];
    private long lastStep = 0;

    public MegatronFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return NAME; }

    @Override protected List<String> needles() { return List.of("iteration", "loss"); }

    @Override
    protected LineResult readSegment(CharSequence s) {
        LineKind k;
        if (s instanceof ByteLine b) {
            k = parse(b.array(), b.offset(), b.offset() + b.length(), rec);
        } else {
            int n = encode(s);
            k = parse(text, 0, n, rec);
        }
        if (k != LineKind.PARSED) return k == LineKind.REJECTED ? LineResult.REJECTED : LineResult.IGNORED;
        return new LineResult(LineKind.PARSED, List.of(rec.toEvent()), rec.consumedSamples);
    }

    @Override
    public LineKind readBytes(byte[] b, int off, int len, StepRecord out) {
        try {
            return parse(b, off, off + len, out);
        } catch (RuntimeException | StackOverflowError e) {
            return LineKind.REJECTED;
        }
    }

    private int encode(CharSequence s) {
        int n = s.length();
        boolean latin1 = true;
        for (int i = 0; i < n && latin1; i++) latin1 = s.charAt(i) < 256;
        if (!latin1) {
            byte[] u = s.toString().getBytes(StandardCharsets.UTF_8);
            text = u;
            return u.length;
        }
        if (text.length < n) text = new byte[Math.max(n, 2 * text.length)];
        for (int i = 0; i < n; i++) text[i] = (byte) s.charAt(i);
        return n;
    }

    /** Classifies bytes [from, to); a PARSED line's event lands in {@code out}. */
    private LineKind parse(byte[] b, int from, int to, StepRecord out) {
        int it = ByteScan.indexOf(b, ITERATION, from, to, to);
        if (it < 0) {                                   // "validation loss at the end of training ..."
            int v = ByteScan.indexOf(b, VALIDATION, from, to, to);
            return v >= 0 ? validation(b, v, to, out) : LineKind.IGNORED;
        }
        int v = ByteScan.indexOf(b, VALIDATION, from, it, to);
        return v >= 0 ? validation(b, v, to, out) : train(b, ByteScan.past(it, ITERATION), to, out);
    }

    private LineKind train(byte[] b, int at, int n, StepRecord out) {
        if (!scan.integer(b, at, n) || scan.value < 0) return LineKind.IGNORED;
        long step = (long) scan.value;
        int i = scan.end;
        while (i < n && b[i] == ' ') i++;
        if (i >= n || b[i] != '/') return LineKind.IGNORED;
        long consumed = -1;
        long tokens = -1;
        long batch = -1;
        double lr = Double.NaN;
        boolean hasLr = false;
        double loss = Double.NaN;
        boolean hasLoss = false;
        boolean fields = false;
        while (true) {
            int bar = ByteScan.indexOf(b, (byte) '|', i, n);
            if (bar < 0) break;
            fields = true;
            int k = bar + 1;
            while (k < n && b[k] == ' ') k++;
            i = k;
            if (k >= n) break;
            byte c = b[k];
            if (c == 'c') {
                if (ByteScan.startsWith(b, k, n, CONSUMED_SAMPLES)) {
                    if (!scan.integerPast(b, k, CONSUMED_SAMPLES, n)) return LineKind.REJECTED;
                    consumed = (long) scan.value;
                    i = scan.end;
                } else if (ByteScan.startsWith(b, k, n, CONSUMED_TOKENS)) {
                    if (!scan.integerPast(b, k, CONSUMED_TOKENS, n)) return LineKind.REJECTED;
                    tokens = (long) scan.value;
                    i = scan.end;
                }
            } else if (c == 'l') {
                if (ByteScan.startsWith(b, k, n, LM_LOSS)) {
                    if (!scan.numberPast(b, k, LM_LOSS, n)) return LineKind.REJECTED;
                    loss = scan.value;
                    hasLoss = true;
                    i = scan.end;
                    if (consumed >= 0 || tokens >= 0) break;    // nothing needed lies beyond the loss
                } else if (ByteScan.startsWith(b, k, n, LEARNING_RATE)) {
                    if (scan.numberPast(b, k, LEARNING_RATE, n)) { lr = scan.value; hasLr = true; i = scan.end; }
                }
            } else if (c == 'g' && ByteScan.startsWith(b, k, n, GLOBAL_BATCH)) {
                if (scan.integerPast(b, k, GLOBAL_BATCH, n)) { batch = (long) scan.value; i = scan.end; }
            }
        }
        if (!fields) return LineKind.IGNORED;
        lastStep = step;
        out.step = step;
        out.phase = Phase.TRAIN;
        out.hasLoss = hasLoss;
        out.lossNats = hasLoss ? opts.lossUnit().toNats(loss) : Double.NaN;
        out.hasTokens = tokens >= 0;
        out.tokens = tokens;
        out.hasLr = hasLr;
        out.lr = lr;
        out.hasBatch = batch >= 0;
        out.batch = batch;
        out.consumedSamples = consumed;
        return LineKind.PARSED;
    }

    private LineKind validation(byte[] b, int at, int n, StepRecord out) {
        long step = lastStep;
        int it = ByteScan.indexOf(b, ITERATION, at, n, n);
        int bar = ByteScan.indexOf(b, (byte) '|', at, n);
        if (it >= 0 && (bar < 0 || it < bar) && scan.integerPast(b, it, ITERATION, n)) step = (long) scan.value;
        if (!scan.numberAfter(b, LM_LOSS_VALUE, at, n)) return LineKind.REJECTED;
        out.step = step;
        out.phase = Phase.EVAL;
        out.hasLoss = true;
        out.lossNats = opts.lossUnit().toNats(scan.value);
        out.hasTokens = false;
        out.hasLr = false;
        out.hasBatch = false;
        out.consumedSamples = -1;
        return LineKind.PARSED;
    }
}
