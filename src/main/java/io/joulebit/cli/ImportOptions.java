package io.joulebit.cli;

import io.joulebit.store.StoreOptions;
import org.apache.commons.cli.Options;

import java.util.List;

/** The options and help footer of {@code joulebit import} (apart: the command itself is long enough). */
final class ImportOptions {
    static final List<String> FOOTER = List.of("""
            Exit codes:
              0   run imported
              1   the store could not be written
              2   usage error, Prometheus unreachable, a selector with no series, a log of
                  no known format or without steps, an existing run id (nothing is written)""",
            """
            Example: joulebit import --log train.out --prometheus http://prom:9090
                       --energy dcgm --selector '{Hostname="node7"}'
                       --from 2026-11-30T08:00:00Z --to 2026-11-30T20:00:00Z
                       --params 124e6 --run-id gpt2-nov30""");

    private ImportOptions() {
    }

    static Options options() {
        return new OptionList()
                .required("log", "PATH", "The run's training log or trainer_state.json.")
                .value("format", "NAME", "Log format (default: auto).")
                .required("prometheus", "URL", "Prometheus base URL.")
                .required("energy", "SOURCE", "dcgm, kepler, node-rapl, nvidia-gpu-exporter, joulebit or promql:EXPR.")
                .value("unit", "UNIT", "Unit of a promql:EXPR: J, kJ, mJ, uJ, Wh, kWh (counter) or W, mW, kW.")
                .value("selector", "{...}",
                        "Label matchers narrowing the preset's metrics, e.g. '{Hostname=\"node7\"}'.")
                .value("from", "TIME", "Run start: RFC 3339 or Unix seconds (default: the log file's creation time).")
                .value("to", "TIME", "Run end (default: the log file's last modification).")
                .value("step", "SECONDS", "Query resolution, at most the scrape interval (default: 15.0).")
                .value("run-id", "ID", "Id of the stored run (default: imported-<log name>).")
                .value("params", "N", "Model parameter count N_params (e.g. 124e6).")
                .value("store", "PATH", "Store file (default: " + StoreOptions.DEFAULT_PATH + ").")
                .value("prometheus-user", "USER", "Basic auth user.")
                .value("prometheus-password-env", "VAR", "Environment variable holding the basic auth password.")
                .value("prometheus-token-env", "VAR", "Environment variable holding a bearer token.")
                .value("prometheus-ca", "PEM", "CA certificate(s) to trust for https.")
                .value("timeout", "SECONDS", "Per request (default: 30.0).")
                .get();
    }
}
