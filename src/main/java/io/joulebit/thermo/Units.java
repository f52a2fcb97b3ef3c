package io.joulebit.thermo;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Unit conversions of PHYSICS.md §0 and strict parsing of numbers and energy quantities ("1287MWh"). */
public final class Units {
    /** A plain decimal, optionally in scientific notation; no NaN, Infinity, hex or type suffixes. */
    private static final String DECIMAL = "[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
    private static final Pattern NUMBER = Pattern.compile(DECIMAL);
    private static final Pattern QUANTITY = Pattern.compile("(" + DECIMAL + ")\\s*(\\S*)");
    private static final Map<String, Double> JOULES_PER_UNIT = new LinkedHashMap<>();

    static {
        JOULES_PER_UNIT.put("J", 1.0);
        JOULES_PER_UNIT.put("kJ", 1e3);
        JOULES_PER_UNIT.put("MJ", 1e6);
        JOULES_PER_UNIT.put("GJ", 1e9);
        JOULES_PER_UNIT.put("Wh", 3600.0);
        JOULES_PER_UNIT.put("kWh", 3.6e6);
        JOULES_PER_UNIT.put("MWh", 3.6e9);
        JOULES_PER_UNIT.put("GWh", 3.6e12);
    }

    /** The accepted energy units, for messages and help text. */
    public static final String ENERGY_UNITS = String.join(", ", JOULES_PER_UNIT.keySet());

    private Units() {
    }

    public static double natsToBits(double nats) {
        return nats / Physics.LN2;
    }

    public static double bitsToNats(double bits) {
        return bits * Physics.LN2;
    }

    /** Loss in bits/token from a perplexity: log2(PPL), for e-based and 2-based perplexities alike. */
    public static double perplexityToBits(double perplexity) {
        return Math.log(perplexity) / Physics.LN2;
    }

    public static double log2(double x) {
        return Math.log(x) / Physics.LN2;
    }

    public static double celsiusToKelvin(double celsius) {
        return celsius + Physics.CELSIUS_OFFSET_KELVIN;
    }

    /**
     * Parses a plain decimal such as "2e9", "1.75e11", "-0.5".
     *
     * @throws IllegalArgumentException with a user-facing message when the text is not such a number
     */
    public static double parseNumber(String text) {
        String t = text == null ? "" : text.strip();
        if (!NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        double v = Double.parseDouble(t);
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        return v;
    }

    /**
     * Parses a whole number that may be written in scientific notation ("2e9", "1.75e11").
     *
     * @throws IllegalArgumentException when it is not a number, not whole, or does not fit in a long
     */
    public static long parseWholeNumber(String text) {
        String t = text == null ? "" : text.strip();
        if (!NUMBER.matcher(t).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a number");
        }
        try {
            return new BigDecimal(t).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is not a whole number that fits in 64 bits");
        }
    }

    /**
     * Parses an energy with a unit suffix ("1287MWh", "4.6e12J", "3.5 kWh") into joules. Units are case-sensitive
     * (MWh is megawatt-hours; mWh is not accepted).
     *
     * @throws IllegalArgumentException with a user-facing message for a missing or unknown unit or a bad number
     */
    public static double parseEnergyJoules(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = QUANTITY.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an energy; write a number and a unit ("
                    + ENERGY_UNITS + "), e.g. 1287MWh");
        }
        String unit = m.group(2);
        if (unit.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no unit; add one of " + ENERGY_UNITS
                    + ", e.g. " + m.group(1) + "J");
        }
        Double factor = JOULES_PER_UNIT.get(unit);
        if (factor == null) {
            throw new IllegalArgumentException("unknown energy unit '" + unit + "' in '" + text
                    + "'; expected one of " + ENERGY_UNITS + " (case-sensitive)");
        }
        double joules = Double.parseDouble(m.group(1)) * factor;
        if (!Double.isFinite(joules)) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        return joules;
    }
}
