package io.joulebit.cli;

import io.joulebit.progress.Phase;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineKind;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.replay.ByteLineReader;
import io.joulebit.progress.replay.StepReplay;
import io.joulebit.run.LossCurve;
import io.joulebit.run.RunSettings;
import io.joulebit.thermo.Thermo;
import io.joulebit.thermo.ThermoFigures;
import io.joulebit.thermo.ThermoInputs;
import io.joulebit.time.NanoClock;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * replay-log for a text log whose format is known: step JSON lines on stdout, then on stderr what was read and the
 * loss curve's figures. Exit 2 when the file cannot be read (what was written before the failure stays written).
 */
final class LogReplayReport {
    private LogReplayReport() {}

    static int replay(Path file, StepFormat parser, FormatOptions opts, OutputStream out, PrintStream err,
                      NanoClock clock) {
        long t0 = clock.nanoTime();
        LossCurve curve = new LossCurve(RunSettings.defaults(file.getFileName().toString()));
        StepReplay replay = new StepReplay(parser, opts, out).points((step, phase, hasLoss, nats, hasTokens, d) -> {
            if (phase == Phase.TRAIN) curve.accept(step, hasLoss, nats, hasTokens, d);
        });
        try (ByteLineReader lines = ByteLineReader.readingAhead(Files.newInputStream(file), 1 << 20,
                opts.maxLineChars() + 1)) {
            replay.run(lines);
        } catch (IOException e) {
            err.println("joulebit replay-log: cannot read file " + file + ": " + e.getMessage());
            err.flush();
            return 2;
        }
        double secs = Math.max(1e-9, (clock.nanoTime() - t0) / 1e9);
        long lines = replay.lines();
        err.printf(Locale.ROOT, "format=%s lines=%d parsed=%d ignored=%d rejected=%d tokens=%s lines_per_s=%.0f%n",
                parser.name(), lines, replay.count(LineKind.PARSED), replay.count(LineKind.IGNORED),
                replay.count(LineKind.REJECTED), replay.tokenOrigin().label(), lines / secs);
        curveSummary(curve, err);
        err.flush();
        return 0;
    }

    /**
     * The loss curve's figures at the agent's default settings (H = first loss, L̄ half-life 20 points), through the
     * same rules and physics as the live agent: no energy, so the bits only — structural information S, prequential
     * information I_preq and the token window of their sum.
     */
    private static void curveSummary(LossCurve c, PrintStream err) {
        ThermoInputs.Builder in = ThermoInputs.builder();
        c.tokens().ifPresent(in::tokens);
        if (Double.isFinite(c.smoothedLossBits())) in.lossBits(c.smoothedLossBits());
        c.baseline().ifPresent(h -> in.baselineBits(h.bits()));
        c.curve().ifPresent(in::prequential);
        ThermoFigures f = Thermo.compute(in.build());
        String window = c.curve().map(p -> p.firstTokens() + ".." + p.lastTokens()).orElse("-");
        err.printf(Locale.ROOT, "loss_bits=%s baseline_bits=%s structural_information_bits=%s "
                        + "prequential_information_bits=%s information_bits=%s structural_horizon_tokens=%s%n",
                f.lossBits(), f.baselineBits(), f.structuralInformationBits(), f.prequentialInformationBits(),
                f.informationBits(), window);
    }
}
