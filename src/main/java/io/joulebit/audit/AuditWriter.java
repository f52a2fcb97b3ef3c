package io.joulebit.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Writes report.html, report.md and report.json for an audit into a directory (created when missing). */
public final class AuditWriter {
    public static final String HTML = "report.html", MARKDOWN = "report.md", JSON = "report.json";

    private AuditWriter() {}

    /** Reads the run from {@code store} (read-only), audits it and writes the three reports into {@code out}. */
    public static Audit write(Path store, String runId, AuditSettings settings, Path out) throws AuditException {
        Audit audit = Audit.of(RunData.load(store, runId), settings);
        write(audit, out);
        return audit;
    }

    /** Audits every run of {@code runIds} and writes compare.html, compare.md and compare.json into {@code out}. */
    public static Comparison compare(Path store, List<String> runIds, AuditSettings settings, Path out)
            throws AuditException {
        List<Audit> audits = new ArrayList<>();
        for (String id : runIds) audits.add(Audit.of(RunData.load(store, id), settings));
        Comparison c = Comparison.of(audits);
        mkdirs(out);
        put(out.resolve(ComparisonReport.JSON), ComparisonReport.json(c));
        put(out.resolve(ComparisonReport.MARKDOWN), ComparisonReport.markdown(c));
        put(out.resolve(ComparisonReport.HTML), ComparisonReport.html(c));
        return c;
    }

    public static void write(Audit audit, Path out) throws AuditException {
        mkdirs(out);
        List<TextTable> tables = ReportTables.of(audit);
        put(out.resolve(JSON), JsonReport.render(audit));
        put(out.resolve(MARKDOWN), MarkdownReport.render(audit, tables));
        put(out.resolve(HTML), HtmlReport.render(audit, tables, ReportCharts.render(audit)));
    }

    private static void mkdirs(Path out) throws AuditException {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new AuditException(1, out + ": cannot create the output directory (" + e.getMessage() + ")", e);
        }
    }

    /** Writes through a temporary sibling and a rename, so a reader never sees half a report. */
    private static void put(Path file, String text) throws AuditException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write already failed; that is the error to report
            }
            throw new AuditException(1, file + ": cannot write (" + e.getMessage() + ")", e);
        }
    }
}
