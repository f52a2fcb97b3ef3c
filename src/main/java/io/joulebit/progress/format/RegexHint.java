package io.joulebit.progress.format;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What to tell a user whose log no format reads: the formats there are, and a {@code regex} format written from a
 * line of their own file that looks like a step line (a step-like word and a number, "loss" and a number). The
 * suggested regex is checked with {@link RegexFormat} on that very line before it is shown.
 */
public final class RegexHint {
    private static final Pattern LOSS = Pattern.compile("(?i)(\\w*loss)(\\W{1,3})([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|nan)");
    /** Step-like words, the likelier step counter first (an epoch number is the last resort). */
    private static final List<Pattern> STEP = Stream.of("global_step", "iteration", "iter", "steps",
            "step", "it", "batch", "update", "epoch")
            .map(w -> Pattern.compile("(?i)\\b(" + w + ")(\\W{1,3})(\\d+)")).toList();

    private String sample;
    private String regex;

    /** Looks at one line of the file; keeps the first that makes a working example. */
    public void offer(CharSequence line) {
        if (regex != null || line.length() > 1000) return;
        String s = Ansi.strip(line).strip();
        Matcher loss = LOSS.matcher(s);
        if (!loss.find()) return;
        Matcher step = null;
        for (Pattern p : STEP) {
            Matcher m = p.matcher(s);
            if (m.find()) { step = m; break; }
        }
        if (step == null) return;
        String stepPart = literal(step.group(1) + step.group(2)) + "(?<step>\\d+)";
        String lossPart = literal(loss.group(1) + loss.group(2)) + "(?<loss>[-+0-9.eE]+|nan)";
        String re = step.start() < loss.start() ? stepPart + ".*?" + lossPart : lossPart + ".*?" + stepPart;
        try {
            RegexFormat f = new RegexFormat(FormatOptions.defaults().withRegex(re));
            if (f.read(s).kind() != LineKind.PARSED) return;
        } catch (IllegalArgumentException e) {
            return;
        }
        sample = s;
        regex = re;
    }

    /** The text escaped for a regex, one metacharacter at a time (readable, unlike \\Q...\\E). */
    private static String literal(String text) {
        StringBuilder b = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.[]{}()*+?^$|".indexOf(c) >= 0) b.append('\\');
            b.append(c);
        }
        return b.toString();
    }

    public Optional<String> regex() { return Optional.ofNullable(regex); }

    /** The whole message: known formats, then the regex example (from the file when one was found). */
    public String message(String file, long lines, List<String> formats) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "no known format reads a step line in %s (%d lines read).%n", file, lines));
        b.append("Known formats: ").append(String.join(", ", formats)).append(System.lineSeparator());
        String re = regex != null ? regex : "step (?<step>\\d+).*?loss[:= ]+(?<loss>[-+0-9.eE]+|nan)";
        if (regex != null) {
            b.append("Its line").append(System.lineSeparator()).append("  ").append(sample).append(System.lineSeparator())
                    .append("is read by a regex format (named groups step and loss; optional tokens, lr, phase):");
        } else {
            b.append("If it is a training log, describe its step line with a regex format (named groups step and "
                    + "loss; optional tokens, lr, phase), for example:");
        }
        b.append(System.lineSeparator())
                .append("  joulebit replay-log ").append(file).append(" --format regex --regex '").append(re).append("'")
                .append(System.lineSeparator())
                .append("  or in the config: progress: {log: {format: regex, regex: '").append(re).append("'}}");
        return b.toString();
    }
}
