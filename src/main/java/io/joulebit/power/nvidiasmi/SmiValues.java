package io.joulebit.power.nvidiasmi;

import java.util.OptionalDouble;
import java.util.regex.Pattern;

/** Cell-level reading of nvidia-smi CSV: placeholders are absent (never 0), numbers are parsed leniently. */
final class SmiValues {
    // nvidia-smi writes "[N/A]", "[Not Supported]", "[Unknown Error]", "[Insufficient Permissions]",
    // "[Requested functionality has been deprecated]", "[GPU requires reset]"... and sometimes bare "N/A".
    private static final Pattern BRACKETED = Pattern.compile("\\[[^\\]]*\\]");
    // With --format=csv (units kept) cells read "631.95 W", "81559 MiB", "100 %": accept and drop the unit.
    private static final Pattern UNIT = Pattern.compile("\\s*(W|MiB|%|C|MHz)$");

    private SmiValues() {}

    static boolean isPlaceholder(String cell) {
        if (cell == null) {
            return true;
        }
        String s = cell.trim();
        return s.isEmpty() || BRACKETED.matcher(s).matches() || s.equalsIgnoreCase("N/A")
                || s.equalsIgnoreCase("Not Supported") || s.equalsIgnoreCase("Unknown Error");
    }

    /** A finite number, or empty when the cell is not one (placeholders included). Never throws. */
    static OptionalDouble number(String cell) {
        if (isPlaceholder(cell)) {
            return OptionalDouble.empty();
        }
        String s = UNIT.matcher(cell.trim()).replaceFirst("");
        if (s.isEmpty() || s.length() > 32) {
            return OptionalDouble.empty();
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** True when the cell holds a value that should have been a number but is not (garbage, not a placeholder). */
    static boolean isInvalidNumber(String cell) {
        return !isPlaceholder(cell) && number(cell).isEmpty();
    }
}
