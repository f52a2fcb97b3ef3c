package io.joulebit.progress.format;

import io.joulebit.progress.LogFormat;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Base of every line format: bounds the line length, strips ANSI colour codes, splits carriage-return redraws
 * (a progress bar glued to a metric line), strips a launcher's rank prefix ({@link RankPrefix}), counts a step that
 * several ranks print once ({@link StepOrder}) and never lets an exception out. Subclasses see one clean segment at a
 * time in {@link #readSegment}.
 */
public abstract class StepFormat implements LogFormat {
    protected final FormatOptions opts;
    private final StepOrder order = new StepOrder();
    private final ByteLineFormat raw = this instanceof ByteLineFormat b ? b : null;

    protected StepFormat(FormatOptions opts) { this.opts = opts; }

    /** Classifies one physical line (without its newline). Never throws. */
    public final LineResult read(CharSequence line) {
        try {
            if (line == null) return LineResult.IGNORED;
            if (line.length() > opts.maxLineChars()) return LineResult.REJECTED;
            int flags = line instanceof ByteLine b ? b.flags() : ByteLine.flagsOf(line);
            CharSequence s = (flags & ByteLine.HAS_ESC) != 0 ? Ansi.strip(line) : line;
            int prefix = s instanceof ByteLine b ? b.rankPrefix() : RankPrefix.length(s);
            if (prefix > 0) s = s instanceof ByteLine b ? b.afterPrefix() : s.subSequence(prefix, s.length());
            LineResult r = (flags & ByteLine.HAS_CR) == 0 ? readSegment(s) : readRedraws(s);
            return r.kind() == LineKind.PARSED ? once(r, prefix > 0) : r;
        } catch (RuntimeException | StackOverflowError e) {
            return LineResult.REJECTED;
        }
    }

    /** The events of a parsed line that are new steps (ranks repeat them); IGNORED when none is. */
    private LineResult once(LineResult r, boolean prefixed) {
        List<StepEvent> kept = null;
        List<StepEvent> events = r.events();
        for (int i = 0; i < events.size(); i++) {
            StepEvent e = events.get(i);
            boolean keep = order.keep(e.step(), e.phase(), e.lossNats().isPresent(),
                    e.lossNats().orElse(Double.NaN), prefixed);
            if (keep && kept != null) kept.add(e);
            if (!keep && kept == null) kept = new ArrayList<>(events.subList(0, i));
        }
        if (kept == null) return r;
        return kept.isEmpty() ? LineResult.IGNORED : new LineResult(LineKind.PARSED, kept, r.consumedSamples());
    }

    /**
     * The allocation-free path of a replay: a plain line (no '\r', no ESC, no rank prefix, not over-long) of a format
     * that reads raw bytes is parsed straight into {@code rec}, and its kind is returned exactly as {@link #read}
     * would classify it (PARSED only for a new step). Returns null for any other line, which must take {@link #read}.
     */
    public final LineKind readBytes(ByteLine line, StepRecord rec) {
        if (raw == null || line.flags() != 0 || line.length() > opts.maxLineChars() || line.rankPrefix() != 0) {
            return null;
        }
        LineKind k = raw.readBytes(line.array(), line.offset(), line.length(), rec);
        return k == LineKind.PARSED && !order.keep(rec, false) ? LineKind.IGNORED : k;
    }

    /** The last carriage-return segment that parses wins; it is the newest state the terminal showed. */
    private LineResult readRedraws(CharSequence s) {
        String[] segments = s.toString().split("\r");
        boolean rejected = false;
        LineResult found = null;
        for (String seg : segments) {
            if (seg.isBlank()) continue;
            LineResult r = readSegment(seg);
            if (r.kind() == LineKind.PARSED) found = r;
            else if (r.kind() == LineKind.REJECTED) rejected = true;
        }
        if (found != null) return found;
        return rejected ? LineResult.REJECTED : LineResult.IGNORED;
    }

    /** One redraw-free, colour-free segment. May keep state (headers, blocks). */
    protected abstract LineResult readSegment(CharSequence s);

    /**
     * Literal strings of which every line this format acts on holds at least one (anywhere in the line, rank prefix
     * included) while {@link #readsEveryLine} is false: a line with none of them, no ESC and not over-long reads as
     * IGNORED and leaves the format as it was. Detection checks them once per line for all formats instead of running
     * thirty parsers over a long prelude ({@link FormatDetector}); {@code FormatNeedlesTest} holds every format to its
     * list over the corpus. Null where no such strings exist (a user's regex): the format then reads every line.
     */
    protected List<String> needles() { return null; }

    /** True while any line may continue or close what this format has begun (CSV rows under a header, a block). */
    protected boolean readsEveryLine() { return false; }

    /** Events held back until the input ends (a multi-line block waiting for its closing line). */
    public List<StepEvent> finish() { return List.of(); }

    @Override
    public boolean detect(List<String> firstLines) {
        return parsedCount(LogFormats.create(name(), opts), firstLines) > 0;
    }

    @Override
    public final Optional<StepEvent> parse(CharSequence line) {
        List<StepEvent> ev = read(line).events();
        return ev.isEmpty() ? Optional.empty() : Optional.of(ev.get(0));
    }

    /** Parses every line on a fresh instance; how many parsed. Used to rank candidates in auto-detect. */
    static int parsedCount(StepFormat fresh, List<String> lines) {
        int n = 0;
        for (String l : lines) if (fresh.read(l).kind() == LineKind.PARSED) n++;
        return n + fresh.finish().size();
    }
}
