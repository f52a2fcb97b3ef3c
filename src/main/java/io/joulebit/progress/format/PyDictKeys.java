package io.joulebit.progress.format;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Extra keys of the Python dict lines that Trainer subclasses print (TRL, axolotl, Unsloth): whether a key is
 * there, and a whole non-negative number under it (plain, {@code 12345.0}, or quoted as recent transformers
 * releases print them). The dict's loss, step and eval keys stay with {@link HfTrainerFormat}, which these
 * formats wrap.
 */
final class PyDictKeys {
    private PyDictKeys() {}

    /** Index just past {@code 'name':}, or -1. */
    static int key(CharSequence s, String name) { return quotedKey(s, name, 0); }

    /**
     * Index just past the first {@code 'name'} at or after {@code from} when a colon follows it (blanks between), else
     * -1. The name is found, then its quotes checked, rather than {@code "'" + name + "'"} searched: that concatenation
     * ran for every line of every log while detection was undecided (cold, ~15 ms of a 2,000-line prelude).
     */
    static int quotedKey(CharSequence s, String name, int from) {
        int n = s.length();
        for (int i = Scan.indexOf(s, name, from + 1); i > 0; i = Scan.indexOf(s, name, i + 1)) {
            int end = i + name.length();
            if (s.charAt(i - 1) == '\'' && end < n && s.charAt(end) == '\'') {
                int c = NanoGptFormat.skipBlanks(s, end + 1);
                return c < n && s.charAt(c) == ':' ? c + 1 : -1;
            }
        }
        return -1;
    }

    static boolean has(CharSequence s, String name) { return key(s, name) >= 0; }

    static OptionalLong count(Scan scan, CharSequence s, String name) {
        int at = key(s, name);
        if (at < 0) return OptionalLong.empty();
        int i = NanoGptFormat.skipBlanks(s, at);
        if (i < s.length() && (s.charAt(i) == '\'' || s.charAt(i) == '"')) i++;
        if (!scan.number(s, i) || scan.value < 0 || scan.value != Math.rint(scan.value) || scan.value >= 9.0e18) {
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) scan.value);
    }

    /** The train events of {@code r} with their tokens replaced by {@code tokens}. */
    static LineResult withTrainTokens(LineResult r, long tokens) {
        if (r.kind() != LineKind.PARSED) return r;
        List<StepEvent> out = new ArrayList<>(r.events().size());
        for (StepEvent e : r.events()) out.add(e.phase() == Phase.TRAIN ? e.withTokens(tokens) : e);
        return new LineResult(LineKind.PARSED, out, r.consumedSamples());
    }
}
