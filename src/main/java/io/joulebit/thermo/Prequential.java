package io.joulebit.thermo;

import java.util.Optional;

/**
 * Running sum of the loss curve's area for the prequential figures (PHYSICS.md §2): each point (D_k, L_k) adds the
 * trapezoid ΔD_k · (L_k + L_{k−1})/2, L the loss in bits as logged. The first point only opens the window at D_0. A
 * stored {@link PrequentialCurve} continues the same sum after a restart. Not thread-safe.
 */
public final class Prequential {
    private long points;
    private long firstTokens;
    private long lastTokens;
    private double lastLossBits;
    private double area;
    private long resumes;

    public Prequential() {
    }

    /** Continues a stored sum (a resume): the next point adds its trapezoid to the stored area. */
    public static Prequential resume(PrequentialCurve stored) {
        Prequential p = new Prequential();
        p.points = stored.points();
        p.firstTokens = stored.firstTokens();
        p.lastTokens = stored.lastTokens();
        p.lastLossBits = stored.lastLossBits();
        p.area = stored.areaBitTokens();
        p.resumes = stored.resumes() + 1;
        return p;
    }

    /**
     * Adds a point. Non-finite losses, negative D, points whose D went backwards and a sum that would overflow are
     * ignored (return false); a point at the same D only moves the left side of the next trapezoid.
     */
    public boolean add(long tokens, double lossBits) {
        if (!Double.isFinite(lossBits) || tokens < 0 || (points > 0 && tokens < lastTokens)) {
            return false;
        }
        if (points == 0) {
            firstTokens = tokens;
        } else {
            double next = area + (tokens - lastTokens) * ((lossBits + lastLossBits) / 2);
            if (!Double.isFinite(next)) return false;
            area = next;
        }
        points++;
        lastTokens = tokens;
        lastLossBits = lossBits;
        return true;
    }

    /** The curve so far; empty before the first point. */
    public Optional<PrequentialCurve> curve() {
        return points == 0 ? Optional.empty()
                : Optional.of(new PrequentialCurve(firstTokens, lastTokens, lastLossBits, area, points, resumes));
    }
}
