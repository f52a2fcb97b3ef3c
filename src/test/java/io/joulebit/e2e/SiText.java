package io.joulebit.e2e;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a number as the live page prints it back to a double, independently of the page's own formatter:
 * "4.8 MJ", "12.3 Gbit", "1.2 G tokens", "0.05 J/token", "3.7e-4 J/bit", "7.7e-18".
 */
final class SiText {
    private static final String PREFIXES = "kMGTPEZY";
    private static final Pattern SHAPE = Pattern.compile("(-?[0-9.]+(?:e-?[0-9]+)?)(?: ([kMGTPEZY])?)?(?: ?(.*))?");

    private SiText() {}

    static double parse(String text, String unit) {
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) throw new AssertionError("not a number with a unit: '" + text + "'");
        String rest = m.group(3) == null ? "" : m.group(3);
        if (!rest.equals(unit)) throw new AssertionError("'" + text + "': expecting unit '" + unit + "'");
        double v = Double.parseDouble(m.group(1));
        return m.group(2) == null ? v : v * Math.pow(1000, PREFIXES.indexOf(m.group(2)) + 1);
    }
}
