package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Generic: a configured regex with named groups {@code step} and {@code loss} (required) and {@code tokens},
 * {@code lr}, {@code phase} (optional). A line that matches but whose numbers do not read is rejected.
 * No framework of its own: the user's description of their own step line.
 */
public final class RegexFormat extends StepFormat {
    private final Scan scan = new Scan();
    private final Pattern pattern;
    private final boolean hasTokens;
    private final boolean hasLr;
    private final boolean hasPhase;

    public RegexFormat(FormatOptions opts) {
        super(opts);
        if (opts.regex().isEmpty()) throw new IllegalArgumentException("regex format needs a regex");
        try {
            pattern = Pattern.compile(opts.regex());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("bad regex: " + e.getMessage(), e);
        }
        String p = opts.regex();
        if (!p.contains("(?<step>") || !p.contains("(?<loss>")) {
            throw new IllegalArgumentException("regex needs named groups (?<step>...) and (?<loss>...)");
        }
        hasTokens = p.contains("(?<tokens>");
        hasLr = p.contains("(?<lr>");
        hasPhase = p.contains("(?<phase>");
    }

    @Override public String name() { return "regex"; }

    @Override
    protected LineResult readSegment(CharSequence s) {
        Matcher m = pattern.matcher(s);
        if (!m.find()) return LineResult.IGNORED;
        String st = m.group("step");
        String lo = m.group("loss");
        if (st == null || lo == null || !scan.integer(st, 0) || scan.value < 0) return LineResult.REJECTED;
        long step = (long) scan.value;
        if (!scan.number(lo, 0)) return LineResult.REJECTED;
        double loss = opts.lossUnit().toNats(scan.value);
        OptionalLong tokens = OptionalLong.empty();
        String tk = hasTokens ? m.group("tokens") : null;
        if (tk != null && scan.integer(tk, 0) && scan.value >= 0) tokens = OptionalLong.of((long) scan.value);
        OptionalDouble lr = OptionalDouble.empty();
        String l = hasLr ? m.group("lr") : null;
        if (l != null && scan.number(l, 0)) lr = OptionalDouble.of(scan.value);
        String ph = hasPhase ? m.group("phase") : null;
        Phase phase = ph != null && ph.toLowerCase(Locale.ROOT).matches("eval.*|val.*|test") ? Phase.EVAL : Phase.TRAIN;
        return LineResult.of(new StepEvent(step, OptionalDouble.of(loss), tokens, lr, OptionalLong.empty(), 0L, phase));
    }
}
