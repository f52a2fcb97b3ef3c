package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Lightning CSVLogger metrics.csv: the header grows as metrics appear and the file is then rewritten whole, so a
 * header line resets the columns and rows already emitted (same phase, step not beyond the last) are skipped. Cells
 * are often empty: a row holds train_loss or val_loss (or both). Step from the {@code step} column.
 * Source: Lightning 2.x {@code lightning/fabric/loggers/csv_logs.py}, {@code _ExperimentWriter.log_metrics/save}: rows
 * of {@code step} plus metric keys, the file rewritten with a wider header when new keys appear ({@code
 * _rewrite_with_new_header}).
 */
public final class LightningCsvFormat extends StepFormat {
    private final Scan scan = new Scan();
    private CsvHeader header;
    private long lastTrain = -1;
    private long lastEval = -1;

    public LightningCsvFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "lightning-csv"; }

    @Override protected List<String> needles() { return List.of("step"); }   // until the header

    @Override protected boolean readsEveryLine() { return header != null; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (header == null && !CsvHeader.mayName(s, "epoch", "step")) return LineResult.IGNORED;
        List<String> cells = CsvHeader.split(s);
        if (CsvHeader.isHeader(cells, "epoch", "step")) {   // Lightning adds both to every row
            CsvHeader h = new CsvHeader(cells);
            if (trainCol(h) >= 0 || evalCol(h) >= 0) { header = h; return LineResult.IGNORED; }
        }
        if (header == null || cells.size() < 2) return LineResult.IGNORED;
        if (cells.size() != header.size() || !CsvHeader.number(scan, cells, header.index("step"))) {
            return LineResult.REJECTED;
        }
        long step = (long) scan.value;
        List<StepEvent> out = new ArrayList<>(2);
        boolean seen = false;
        if (CsvHeader.number(scan, cells, trainCol(header))) {
            seen = true;
            if (step > lastTrain) {
                StepEvent e = StepEvent.train(step, opts.lossUnit().toNats(scan.value));
                if (CsvHeader.number(scan, cells, header.indexStartingWith("lr"))) e = e.withLearningRate(scan.value);
                out.add(e);
                lastTrain = step;
            }
        }
        if (CsvHeader.number(scan, cells, evalCol(header))) {
            seen = true;
            if (step > lastEval) {
                out.add(StepEvent.train(step, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
                lastEval = step;
            }
        }
        if (!out.isEmpty()) return LineResult.of(out);
        return LineResult.IGNORED;   // a duplicate after a rewrite, or a row of other metrics
    }

    private static int trainCol(CsvHeader h) { return h.first("train_loss_step", "train_loss", "loss", "train/loss"); }

    private static int evalCol(CsvHeader h) {
        return h.first("val_loss", "val_loss_epoch", "valid_loss", "validation_loss", "val/loss");
    }
}
