package io.joulebit.progress.format;

import java.util.Locale;

/** The unit a framework logs its cross-entropy in; events always carry nats. */
public enum LossUnit {
    NATS, BITS;

    private static final double LN2 = Math.log(2.0);

    public double toNats(double loss) { return this == BITS ? loss * LN2 : loss; }

    public static LossUnit parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "nats", "nat" -> NATS;
            case "bits", "bit" -> BITS;
            default -> throw new IllegalArgumentException("loss unit must be nats or bits, got: " + s);
        };
    }
}
