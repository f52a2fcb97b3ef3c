package io.joulebit.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;

/** The HTML page is self-contained, well-formed, escapes what the store holds, and holds every chart and table. */
class HtmlReportTest {
    static final List<String> TABLES = List.of("totals", "devices", "uncertainty", "capacity", "structural", "reporting",
            "landauer", "carbon",
            "cost", "breakeven", "fit", "forecast");

    @TempDir
    Path dir;

    private Path writeReports(AuditFixture fx) throws Exception {
        Path db = fx.write(dir.resolve("joulebit.db"));
        AuditWriter.write(db, AuditFixture.RUN, new AuditSettings(OptionalDouble.of(2.6), OptionalDouble.of(350),
                OptionalDouble.of(0.25)), dir.resolve("out"));
        return dir.resolve("out");
    }

    static Document parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void pageIsSelfContainedWellFormedAndComplete() throws Exception {
        Path out = writeReports(new AuditFixture());
        String html = Files.readString(out.resolve("report.html"));
        Document doc = parse(html); // throws on anything not well-formed
        assertThat(doc.getElementsByTagName("svg").getLength()).isEqualTo(5);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getElementsByTagName("link").getLength()).isZero();
        List<String> ids = new ArrayList<>();
        NodeList tables = doc.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) ids.add(((Element) tables.item(i)).getAttribute("id"));
        assertThat(ids).containsExactlyElementsOf(TABLES);
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)@import|url\\(");
        // Every chart drew at least one line (loss+fit, power, energy, J/bit, η_D).
        NodeList svgs = doc.getElementsByTagName("svg");
        for (int i = 0; i < svgs.getLength(); i++) {
            Element svg = (Element) svgs.item(i);
            assertThat(svg.getElementsByTagName("polyline").getLength()).as(svg.getAttribute("aria-label"))
                    .isPositive();
        }
        String md = Files.readString(out.resolve("report.md"));
        for (String id : TABLES) assertThat(md).contains("<a id=\"" + id + "\"></a>");
    }

    @Test
    void textFromTheStoreIsEscaped() throws Exception {
        AuditFixture fx = new AuditFixture();
        fx.gpuName = "gpu<0>&\"x\"";
        fx.labels = Map.of("team", "<script>alert('x')</script>");
        Path out = writeReports(fx);
        String html = Files.readString(out.resolve("report.html"));
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(html).doesNotContain("<script>", "gpu<0>").contains("gpu&lt;0&gt;&amp;&quot;x&quot;");
        assertThat(Files.readString(out.resolve("report.md"))).doesNotContain("<script>", "gpu<0>");
    }

    @Test
    void theStoreIsNeverModified() throws Exception {
        AuditFixture fx = new AuditFixture();
        Path db = fx.write(dir.resolve("store/joulebit.db"));
        Map<String, String> before = digests(db.getParent());
        AuditWriter.write(db, AuditFixture.RUN, AuditSettings.NONE, dir.resolve("out"));
        Map<String, String> after = digests(db.getParent());
        // A WAL reader may leave an EMPTY -wal behind (SQLite creates it to read); no data may change.
        String emptySha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[0]));
        if (!before.containsKey("joulebit.db-wal") && emptySha.equals(after.get("joulebit.db-wal"))) {
            after.remove("joulebit.db-wal");
        }
        assertThat(after).isEqualTo(before);
    }

    /** Every file of the store directory with its SHA-256, except SQLite's shared-memory index (not data). */
    private static Map<String, String> digests(Path storeDir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(storeDir)) {
            for (Path p : files.toList()) {
                if (p.getFileName().toString().endsWith("-shm")) continue;
                out.put(p.getFileName().toString(), HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }
}
