package io.joulebit.export;

import io.joulebit.build.BuildInfo;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.util.function.BooleanSupplier;

/**
 * The families every exporter has, from client_java's instrumentation: process_* (start time, CPU, resident and
 * virtual memory, open and max fds) so a restart shows the standard way, joulebit_build_info{version,revision}, and,
 * when asked (export.jvm_metrics), the jvm_* families.
 */
public final class StandardFamilies {
    private StandardFamilies() {}

    /** A registry holding joulebit_build_info{version,revision} only. */
    public static PrometheusRegistry build(BuildInfo build) {
        PrometheusRegistry r = new PrometheusRegistry();
        Info.builder().name("joulebit_build_info").help("The joulebit build: version and git revision.")
                .labelNames("version", "revision").register(r).setLabelValues(build.version(), build.revision());
        return r;
    }

    /**
     * Adds process_* (and, with jvm, jvm_*) to r. Their first registration starts the JDK's platform MBeans and
     * container metrics (~50 ms and ~80 classes), so a sidecar does it behind its first answer (issue 28).
     */
    public static void process(PrometheusRegistry r, boolean jvm) {
        if (jvm) {
            JvmMetrics.builder().register(r); // includes ProcessMetrics
        } else {
            ProcessMetrics.builder().register(r);
        }
    }

    /**
     * joulebit_ready: 0 while a starting sidecar probes its power sources, opens its store and resumes its run (the
     * run and device families are absent meanwhile), 1 once they are live (docs/deployment.md, "Start-up").
     */
    public static void ready(PrometheusRegistry r, BooleanSupplier ready) {
        GaugeWithCallback.builder().name("joulebit_ready").help("1 once the agent's power sources, store and run are "
                + "live; 0 while it starts (run and device families are absent until then).")
                .callback(cb -> cb.call(ready.getAsBoolean() ? 1 : 0)).register(r);
    }
}
