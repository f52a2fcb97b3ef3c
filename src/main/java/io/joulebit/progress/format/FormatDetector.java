package io.joulebit.progress.format;

import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * Auto-detection, the one used by replay-log and by a followed log: every registered format reads every line, from
 * the first, on its own instance, and the decision falls on step lines, never on the opening lines: whatever comes
 * before the first step (argument dumps, NCCL set-up, warnings, banners) is read past however long it is. It is
 * decided as soon as one format has read {@link #DECIDE_STEPS} step lines, or at the end of the input (replay-log)
 * on any step line, or when a live log pauses and exactly one format reads its step lines. A format is handed only
 * the lines that hold one of its needles ({@link NeedleGate}): the others would read as IGNORED and change nothing.
 *
 * <p>When several formats read the same lines the most specific wins: a format that {@linkplain LogFormats#refines
 * refines} another (NeMo refines Megatron) beats it when it read at least half as many step lines; otherwise the
 * one that read the most, ties to the earlier registered. The chosen instance has seen every line, so a live log goes
 * on with it and gets the step lines read while undecided from {@link #held()}.
 */
public final class FormatDetector {
    public static final int DECIDE_STEPS = 3;

    private final List<Candidate> candidates = new ArrayList<>();
    private final BiPredicate<String, String> refines;
    private final NeedleGate gate;
    private Candidate chosen;
    private long lines;

    public FormatDetector(FormatOptions opts) {
        this.refines = LogFormats::refines;
        this.gate = new NeedleGate(opts.maxLineChars());
        for (String name : LogFormats.names()) {
            if (name.equals("regex") && opts.regex().isEmpty()) continue;
            try {
                candidates.add(new Candidate(name, LogFormats.create(name, opts), gate));
            } catch (IllegalArgumentException e) {
                // options this format cannot use: it takes no part
            }
        }
    }

    /** Detection among these formats (in tie-break order), with this refinement relation (specific, general). */
    FormatDetector(Map<String, StepFormat> formats, BiPredicate<String, String> refines) {
        this.refines = refines;
        this.gate = new NeedleGate(formats.values().stream().mapToInt(f -> f.opts.maxLineChars()).min().orElse(0));
        formats.forEach((name, f) -> candidates.add(new Candidate(name, f, gate)));
    }

    /** Reads one line on every candidate; true once the format is decided (further lines are not wanted). */
    public boolean offer(CharSequence line) {
        if (chosen != null) return true;
        lines++;
        long present = gate.present(line);
        int most = 0;
        for (Candidate c : candidates) {
            // IGNORED, and the format is as it was
            if (!NeedleGate.offered(c.needles, present) && !c.format.readsEveryLine()) continue;
            LineResult r = c.format.read(line);
            if (r.kind() == LineKind.PARSED) {
                c.held.add(r);
                most = Math.max(most, c.held.size());
            } else if (r.kind() == LineKind.REJECTED) {
                c.rejected++;
            }
        }
        if (most >= DECIDE_STEPS) chosen = best(false);
        return chosen != null;
    }

    /** The input ended: what each format held back counts too, and any step line decides. */
    public Optional<String> finish() {
        if (chosen == null) {
            for (Candidate c : candidates) {
                List<StepEvent> tail = c.format.finish();
                if (!tail.isEmpty()) c.held.add(LineResult.of(tail));
            }
            chosen = best(false);
        }
        return name();
    }

    /** A live log paused: decides when exactly one format (the most specific of a family) reads its step lines. */
    public Optional<String> pause() {
        if (chosen == null) chosen = best(true);
        return name();
    }

    public Optional<String> name() { return Optional.ofNullable(chosen).map(c -> c.name); }

    /** The decided format's instance, which has read every line offered so far. */
    public StepFormat format() { return chosen().format; }

    /** The decided format's results for the step lines read before the decision, in order. */
    public List<LineResult> held() { return List.copyOf(chosen().held); }

    /** Lines offered before the decision that the decided format rejected. */
    public long heldRejected() { return chosen().rejected; }

    /** Lines offered so far (all of them while undecided). */
    public long lines() { return lines; }

    private Candidate chosen() {
        if (chosen == null) throw new IllegalStateException("format not decided");
        return chosen;
    }

    private Candidate best(boolean onlyIfSole) {
        List<Candidate> live = new ArrayList<>();
        for (Candidate c : candidates) if (!c.held.isEmpty()) live.add(c);
        live.removeIf(c -> live.stream().anyMatch(r -> r != c && refines.test(r.name, c.name)
                && 2L * r.held.size() >= c.held.size()));
        if (live.isEmpty() || (onlyIfSole && live.size() > 1)) return null;
        Candidate best = live.get(0);
        for (Candidate c : live) if (c.held.size() > best.held.size()) best = c;
        return best;
    }

    private static final class Candidate {
        final String name;
        final StepFormat format;
        final long needles;
        final List<LineResult> held = new ArrayList<>();
        long rejected;

        Candidate(String name, StepFormat format, NeedleGate gate) {
            this.name = name;
            this.format = format;
            this.needles = gate.register(format.needles());
        }
    }
}
