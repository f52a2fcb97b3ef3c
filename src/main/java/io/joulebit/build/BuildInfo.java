package io.joulebit.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Version and git revision of this build: the version from joulebit-build.properties (filtered by Maven), the
 * revision from joulebit-revision.txt (`git rev-parse --short=12 HEAD` at build time). A build outside git, or
 * without that step, says "unknown" rather than a placeholder or git's error text.
 */
public record BuildInfo(String version, String revision) {
    public static final BuildInfo CURRENT = load("/joulebit-build.properties", "/joulebit-revision.txt");

    static BuildInfo load(String properties, String revisionFile) {
        Properties p = new Properties();
        String revision = "";
        try (InputStream in = BuildInfo.class.getResourceAsStream(properties)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unreadable: the version stays unknown
        }
        try (InputStream in = BuildInfo.class.getResourceAsStream(revisionFile)) {
            if (in != null) revision = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // unreadable: the revision stays unknown
        }
        return new BuildInfo(filtered(p.getProperty("version")), revision.matches("[0-9a-f]{7,40}") ? revision
                : "unknown");
    }

    /** An unfiltered ${...} (resources copied without filtering, or no git) is no value. */
    static String filtered(String v) {
        return v == null || v.isBlank() || v.contains("${") ? "unknown" : v.trim();
    }

    /** The --version line of the root and every command: "joulebit 0.1.0 (revision abc1234)". */
    public String versionLine() {
        return "joulebit " + version + " (revision " + revision + ")";
    }
}
