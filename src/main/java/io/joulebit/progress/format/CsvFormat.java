package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Generic CSV with a header naming the configured step/loss (and optional tokens/lr) columns.
 * No framework of its own: a metrics table with a header row, as exported from W&B, MLflow or a hand-written logger.
 */
public final class CsvFormat extends StepFormat {
    private final Scan scan = new Scan();
    private CsvHeader header;

    public CsvFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "csv"; }

    @Override protected List<String> needles() { return List.of(opts.lossField()); }   // until the header

    @Override protected boolean readsEveryLine() { return header != null; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (header == null && !CsvHeader.mayName(s, opts.stepField(), opts.lossField())) return LineResult.IGNORED;
        List<String> cells = CsvHeader.split(s);
        if (CsvHeader.isHeader(cells, opts.stepField(), opts.lossField())) {
            header = new CsvHeader(cells);
            return LineResult.IGNORED;
        }
        if (header == null || cells.size() < 2) return LineResult.IGNORED;
        if (cells.size() != header.size() || !CsvHeader.number(scan, cells, header.index(opts.stepField()))
                || scan.value < 0 || scan.value != Math.rint(scan.value)) {
            return LineResult.REJECTED;
        }
        long step = (long) scan.value;
        if (!CsvHeader.number(scan, cells, header.index(opts.lossField()))) return LineResult.REJECTED;
        double loss = opts.lossUnit().toNats(scan.value);
        OptionalLong tokens = CsvHeader.number(scan, cells, header.index(opts.tokensField())) && scan.value >= 0
                ? OptionalLong.of((long) scan.value) : OptionalLong.empty();
        OptionalDouble lr = CsvHeader.number(scan, cells, header.index(opts.lrField()))
                ? OptionalDouble.of(scan.value) : OptionalDouble.empty();
        return LineResult.of(new StepEvent(step, OptionalDouble.of(loss), tokens, lr, OptionalLong.empty(), 0L,
                Phase.TRAIN));
    }
}
