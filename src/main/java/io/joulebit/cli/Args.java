package io.joulebit.cli;

import org.apache.commons.cli.CommandLine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The parsed values of one command line, read by long option name ("seq-len" for --seq-len). Each typed getter
 * converts its text itself and raises a {@link UsageException} naming the option and the value
 * ({@code --seq-len: 'abc' is not a whole number}); an option that takes one value and is given twice is one too.
 * Conversion is done here rather than with commons-cli's TypeHandler, whose converter table loads classes (URL, Date,
 * File, Class) that no command needs.
 */
public final class Args {
    private final CommandLine line;

    Args(CommandLine line) {
        this.line = line;
    }

    /** Whether a flag (an option without a value) was given. */
    public boolean flag(String name) {
        return line.hasOption(name);
    }

    /** The option's value, or null when absent. */
    public String string(String name) {
        String[] v = line.getOptionValues(name);
        if (v == null) return null;
        if (v.length > 1) {
            throw new UsageException("--" + name + ": given more than once ('" + String.join("', '", v) + "')");
        }
        return v[0];
    }

    public String string(String name, String absent) {
        String v = string(name);
        return v == null ? absent : v;
    }

    /** Every value of a repeatable option, in order (empty when absent). */
    public List<String> strings(String name) {
        String[] v = line.getOptionValues(name);
        return v == null ? List.of() : List.of(v);
    }

    /** A repeatable option whose values may also be comma-separated lists: "--sources a,b --sources c". */
    public List<String> list(String name) {
        List<String> out = new ArrayList<>();
        for (String v : strings(name)) {
            Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
        }
        return out;
    }

    /** A whole number (no fraction, no exponent, as Long.parseLong reads it), or null when absent. */
    public Long wholeNumber(String name) {
        String v = string(name);
        if (v == null) return null;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a whole number");
        }
    }

    public long wholeNumber(String name, long absent) {
        Long v = wholeNumber(name);
        return v == null ? absent : v;
    }

    public int integer(String name, int absent) {
        long v = wholeNumber(name, absent);
        if (v != (int) v) throw new UsageException("--" + name + ": '" + v + "' is out of range");
        return (int) v;
    }

    /** A decimal number (1.5, 2e-3, NaN as Java reads it); range checks are the command's. */
    public double number(String name, double absent) {
        String v = string(name);
        if (v == null) return absent;
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + v + "' is not a number");
        }
    }

    public Path path(String name) {
        return toPath("--" + name, string(name));
    }

    public Path path(String name, Path absent) {
        Path p = path(name);
        return p == null ? absent : p;
    }

    /** One of an enum's constants by their exact (lower-case) names. */
    public <E extends Enum<E>> E choice(String name, Class<E> type, E absent) {
        String v = string(name);
        if (v == null) return absent;
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return e;
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        throw new UsageException("--" + name + ": '" + v + "' is not one of " + String.join(", ", names));
    }

    /** The positional parameter at index i, or null; {@link Cli} has checked the count against the labels. */
    public String parameter(int i) {
        List<String> p = line.getArgList();
        return i < p.size() ? p.get(i) : null;
    }

    public Path pathParameter(int i, String label) {
        return toPath(label, parameter(i));
    }

    int parameterCount() {
        return line.getArgList().size();
    }

    private static Path toPath(String what, String v) {
        if (v == null) return null;
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw new UsageException(what + ": '" + v + "' is not a path (" + e.getReason() + ")");
        }
    }
}
