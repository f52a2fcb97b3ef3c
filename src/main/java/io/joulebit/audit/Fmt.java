package io.joulebit.audit;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Numbers for people: 4 significant digits, scientific outside 1e-3…1e6, whole numbers as they are. */
public final class Fmt {
    private Fmt() {}

    public static String number(double v) {
        if (!Double.isFinite(v)) return "—";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (v == Math.rint(v) && abs < 1e15) return Long.toString((long) v);
        if (abs >= 1e-3 && abs < 1e6) {
            return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return scientific(v);
    }

    /** For axis ticks: scientific from 1e5 up (1.5e6 rather than 1500000), else as {@link #number}. */
    public static String compact(double v) {
        double abs = Math.abs(v);
        return Double.isFinite(v) && v != 0 && (abs >= 1e5 || abs < 1e-3) ? scientific(v) : number(v);
    }

    /** 4 significant digits, trailing zeros of the mantissa dropped: 2.2e-18, 1.234e+09 → 1.234e9. */
    static String scientific(double v) {
        String s = String.format(Locale.ROOT, "%.3e", v);
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exp;
    }

    /** The value, or "—" and the reason it is absent. */
    public static String amount(Amount a) { return a.present() ? number(a.value()) : "— (" + a.reason() + ")"; }

    /** "low … high", or the reason there is no range. */
    public static String range(FigureRow r) {
        if (r.low().isEmpty()) return "";
        Amount lo = r.low().get();
        Amount hi = r.high().orElse(lo);
        if (!lo.present()) return "— (" + lo.reason() + ")";
        return number(lo.value()) + " … " + number(hi.value());
    }

    public static String percent(double ratio) {
        return new BigDecimal(ratio * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + " %";
    }
}
