package io.joulebit.build;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BuildInfoTest {
    @Test
    void thisBuildCarriesItsVersionAndTheCheckoutsRevision() throws Exception {
        assertThat(BuildInfo.CURRENT.version()).isEqualTo("0.1.0");
        Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes()).strip();
        assertThat(git.waitFor()).isZero();
        assertThat(BuildInfo.CURRENT.revision()).as("target/classes is built from this checkout's HEAD").isEqualTo(head);
        assertThat(BuildInfo.CURRENT.versionLine()).isEqualTo("joulebit 0.1.0 (revision " + head + ")");
    }

    @Test
    void outsideGitOrUnfilteredBothSayUnknown() {
        BuildInfo b = BuildInfo.load("/build/unfiltered.properties", "/build/no-git-revision.txt");
        assertThat(b).isEqualTo(new BuildInfo("unknown", "unknown"));
        assertThat(BuildInfo.load("/build/missing.properties", "/build/missing.txt"))
                .isEqualTo(new BuildInfo("unknown", "unknown"));
    }
}
