package io.joulebit.export.web;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The agent's web security, read from {@code --web.config.file} (Prometheus exporter-toolkit format) by
 * {@link WebConfigLoader}. {@link #none()} is plain HTTP without authentication, the default.
 *
 * @param tls             TLS for every route, when configured
 * @param basicAuthUsers  user name → bcrypt hash; empty means no basic auth
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> basicAuthUsers) {
    public WebConfig {
        basicAuthUsers = Map.copyOf(basicAuthUsers);
    }

    public static WebConfig none() { return new WebConfig(Optional.empty(), Map.of()); }

    public boolean basicAuth() { return !basicAuthUsers.isEmpty(); }

    /** What the agent logs at start: never a secret. */
    public String describe() {
        String t = tls.map(x -> "TLS " + String.join("/", x.protocols()) + ", client certificates "
                + x.clientAuth().name().toLowerCase(Locale.ROOT)).orElse("plain HTTP");
        return t + (basicAuth() ? ", basic auth for " + basicAuthUsers.size() + " user(s)" : ", no basic auth");
    }

    /** How the server treats client certificates (Go's ClientAuthType, minus the modes that skip verification). */
    public enum ClientAuth { NONE, VERIFY_IF_GIVEN, REQUIRE_AND_VERIFY }

    /**
     * @param context    key material from cert_file/key_file and, for client certificates, trust from client_ca_file
     * @param protocols  enabled protocols, from min_version..max_version, e.g. [TLSv1.3, TLSv1.2]
     */
    public record Tls(SSLContext context, List<String> protocols, ClientAuth clientAuth) {
        public Tls {
            protocols = List.copyOf(protocols);
        }
    }
}
