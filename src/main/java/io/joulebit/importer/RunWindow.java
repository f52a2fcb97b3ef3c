package io.joulebit.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The run's time window and where it came from: the --from/--to flags (RFC 3339 or Unix seconds) or, failing those,
 * the log file's own times (creation to last modification), which the report marks as a guess.
 *
 * @param origin "flags" or "file-times"
 */
public record RunWindow(Instant from, Instant to, String origin) {

    public double fromSeconds() { return from.toEpochMilli() / 1000.0; }

    public double toSeconds() { return to.toEpochMilli() / 1000.0; }

    public static RunWindow of(String fromFlag, String toFlag, Path log) throws ImportException {
        Instant from = fromFlag == null ? null : parse("--from", fromFlag);
        Instant to = toFlag == null ? null : parse("--to", toFlag);
        String origin = "flags";
        if (from == null || to == null) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(log, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new ImportException(2, "--log " + log + ": cannot read its times: " + e.getMessage(), e);
            }
            if (to == null) to = a.lastModifiedTime().toInstant();
            if (from == null) from = a.creationTime().toInstant();
            origin = "file-times";
            if (!from.isBefore(to)) {
                throw new ImportException(2, "--log " + log + ": its file times give no window (created "
                        + from + ", modified " + to + "); give --from and --to");
            }
        }
        if (!from.isBefore(to)) throw new ImportException(2, "--from " + from + " is not before --to " + to);
        return new RunWindow(from, to, origin);
    }

    static Instant parse(String flag, String text) throws ImportException {
        String t = text.trim();
        try {
            if (t.matches("[0-9]+(\\.[0-9]+)?")) return Instant.ofEpochMilli(Math.round(Double.parseDouble(t) * 1000));
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new ImportException(2, flag + ": '" + text + "' is neither RFC 3339 (2026-12-01T08:00:00Z) "
                    + "nor Unix seconds");
        }
    }
}
