package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Keras CSVLogger: header {@code epoch,accuracy,loss,val_accuracy,val_loss} (keys after epoch are sorted, Keras 2
 * may add lr), one row per epoch: a train point (loss) and an eval point (val_loss) at step = epoch as written.
 * Source: keras-team/keras {@code keras/src/callbacks/csv_logger.py} (Keras 3.x; Keras 2 {@code keras/callbacks.py}
 * alike): {@code fieldnames = ["epoch"] + sorted(logs.keys())}, one row per {@code on_epoch_end}.
 */
public final class KerasCsvFormat extends StepFormat {
    private final Scan scan = new Scan();
    private CsvHeader header;

    public KerasCsvFormat(FormatOptions opts) { super(opts); }

    @Override public String name() { return "keras-csv"; }

    @Override protected List<String> needles() { return List.of("loss"); }   // until the header

    @Override protected boolean readsEveryLine() { return header != null; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        if (header == null && !CsvHeader.mayName(s, "epoch", "loss")) return LineResult.IGNORED;
        List<String> cells = CsvHeader.split(s);
        if (CsvHeader.isHeader(cells, "epoch", "loss") && "epoch".equals(cells.get(0))) {
            header = new CsvHeader(cells);
            return LineResult.IGNORED;
        }
        if (header == null || cells.size() < 2) return LineResult.IGNORED;
        if (cells.size() != header.size() || !CsvHeader.number(scan, cells, 0)) return LineResult.REJECTED;
        long epoch = (long) scan.value;
        List<StepEvent> out = new ArrayList<>(2);
        if (CsvHeader.number(scan, cells, header.index("loss"))) {
            StepEvent e = StepEvent.train(epoch, opts.lossUnit().toNats(scan.value));
            if (CsvHeader.number(scan, cells, header.first("lr", "learning_rate"))) e = e.withLearningRate(scan.value);
            out.add(e);
        }
        if (CsvHeader.number(scan, cells, header.index("val_loss"))) {
            out.add(StepEvent.train(epoch, opts.lossUnit().toNats(scan.value)).withPhase(Phase.EVAL));
        }
        return out.isEmpty() ? LineResult.REJECTED : LineResult.of(out);
    }
}
