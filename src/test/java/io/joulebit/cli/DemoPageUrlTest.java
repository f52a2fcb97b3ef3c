package io.joulebit.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `joulebit demo` says where its live page is before training starts. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DemoPageUrlTest {
    @Test
    void demoPrintsThePageUrl() {
        CliRun r = CliRun.of("demo", "--steps", "3", "--listen", "127.0.0.1:0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).matches("joulebit demo: live page at "
                + "http://127\\.0\\.0\\.1:[1-9][0-9]*/"));
    }
}
