package io.joulebit.importer;

import io.joulebit.progress.Phase;
import io.joulebit.progress.StepEvent;
import io.joulebit.progress.format.FormatOptions;
import io.joulebit.progress.format.LineResult;
import io.joulebit.progress.format.LogFormats;
import io.joulebit.progress.format.StepFormat;
import io.joulebit.progress.format.TokenDeriver;
import io.joulebit.progress.format.TrainerStateReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A past run's steps, read from its log through the same parsers (and token rules) as `replay-log` and the live
 * tailer, or from an HF `trainer_state.json`. The events come in file order, without times: {@link StepTimeline}
 * places them.
 *
 * @param format the format that read them
 */
public record LogSteps(String format, List<StepEvent> events) {

    public long trainSteps() { return events.stream().filter(e -> e.phase() == Phase.TRAIN).count(); }

    /** Reads {@code log} as {@code format} ("auto" detects). A log of no known format or without steps: exit 2. */
    public static LogSteps read(Path log, String format, FormatOptions opts) throws ImportException {
        if (!Files.isRegularFile(log)) throw new ImportException(2, "--log " + log + ": no such file");
        if (log.getFileName().toString().equals("trainer_state.json")) {
            List<StepEvent> ev = new TrainerStateReader(log, opts).poll();
            return checked(log, new LogSteps("trainer-state", ev));
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            try {
                lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1); // not UTF-8: read it byte for byte
            } catch (IOException again) {
                throw new ImportException(2, "--log " + log + ": cannot read: " + again.getMessage(), again);
            }
        }
        String name = format;
        if ("auto".equals(format)) {
            Optional<String> detected = LogFormats.detect(lines, opts);
            if (detected.isEmpty()) {
                throw new ImportException(2, "--log " + log + ": could not detect the format of any of its "
                        + lines.size() + " lines; give --format (one of " + String.join(", ", LogFormats.names()) + ")");
            }
            name = detected.get();
        }
        StepFormat parser;
        try {
            parser = LogFormats.create(name, opts);
        } catch (IllegalArgumentException e) {
            throw new ImportException(2, "--format: " + e.getMessage());
        }
        TokenDeriver tokens = new TokenDeriver(opts);
        List<StepEvent> out = new ArrayList<>();
        for (String line : lines) {
            LineResult r = parser.read(line);
            if (!r.events().isEmpty()) out.addAll(tokens.apply(r));
        }
        for (StepEvent e : parser.finish()) out.add(tokens.apply(e, -1));
        return checked(log, new LogSteps(name, out));
    }

    private static LogSteps checked(Path log, LogSteps s) throws ImportException {
        if (s.trainSteps() == 0) {
            throw new ImportException(2, "--log " + log + ": no training step found (read as " + s.format() + ")");
        }
        return s;
    }
}
