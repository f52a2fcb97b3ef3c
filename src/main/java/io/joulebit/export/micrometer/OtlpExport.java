package io.joulebit.export.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * OTLP/HTTP push of the run's families (export.otlp) through Micrometer's OTLP registry: protobuf over HTTP every
 * interval, cumulative counters, one last push on close. The resource says service.name=joulebit and joulebit.run,
 * then whatever the config adds (OTEL_SERVICE_NAME / OTEL_RESOURCE_ATTRIBUTES are honoured underneath).
 */
public final class OtlpExport {
    private static final Logger LOG = LoggerFactory.getLogger(OtlpExport.class);

    private OtlpExport() {}

    /** A started registry that pushes to {@code endpoint}; bind the run into it and close it after the agent. */
    public static OtlpMeterRegistry start(String endpoint, Duration interval, Map<String, String> headers,
                                          Map<String, String> resourceAttributes, String runId) {
        OtlpConfig config = new OtlpConfig() {
            @Override
            public String get(String key) { return null; }

            @Override
            public String url() { return endpoint; }

            @Override
            public Duration step() { return interval; }

            @Override
            public Map<String, String> headers() {
                Map<String, String> h = new LinkedHashMap<>(OtlpConfig.super.headers());
                h.putAll(headers);
                return h;
            }

            @Override
            public Map<String, String> resourceAttributes() {
                Map<String, String> r = new LinkedHashMap<>(OtlpConfig.super.resourceAttributes());
                if (System.getenv("OTEL_SERVICE_NAME") == null) r.put("service.name", "joulebit");
                r.put("joulebit.run", runId);
                r.putAll(resourceAttributes);
                return r;
            }
        };
        OtlpMeterRegistry registry = new OtlpMeterRegistry(config, Clock.SYSTEM);
        LOG.info("pushing OTLP to {} every {}", endpoint, interval);
        return registry;
    }
}
