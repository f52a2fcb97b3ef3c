package io.joulebit.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class PageUrlTest {
    @ParameterizedTest
    @CsvSource({
            "false, 127.0.0.1, 9877, http://127.0.0.1:9877/",
            "true, 127.0.0.1, 9877, https://127.0.0.1:9877/",
            "false, 0.0.0.0, 9877, http://localhost:9877/",
            "false, ::, 80, http://localhost:80/",
            "false, ::1, 9877, http://[::1]:9877/",
            "false, gpu-node-3, 1234, http://gpu-node-3:1234/"})
    void openableAddress(boolean tls, String host, int port, String url) {
        assertThat(PageUrl.of(tls, host, port)).isEqualTo(url);
    }
}
