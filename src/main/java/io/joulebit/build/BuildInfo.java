package io.joulebit.build;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Version and git revision of this build, from joulebit-build.properties, which Maven filters at build time
 * (git-commit-id-maven-plugin sets the revision). A build without .git, or without the plugin's run, says
 * "unknown" rather than a placeholder.
 */
public record BuildInfo(String version, String revision) {
    public static final BuildInfo CURRENT = load("/joulebit-build.properties");

    static BuildInfo load(String resource) {
        Properties p = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            // unreadable: both figures stay unknown
        }
        return new BuildInfo(filtered(p.getProperty("version")), filtered(p.getProperty("revision")));
    }

    /** An unfiltered ${...} (resources copied without filtering, or no git) is no value. */
    static String filtered(String v) {
        return v == null || v.isBlank() || v.contains("${") ? "unknown" : v.trim();
    }

    /** picocli's --version: "joulebit 0.1.0 (revision abc1234)". */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"joulebit " + CURRENT.version() + " (revision " + CURRENT.revision() + ")"};
        }
    }
}
