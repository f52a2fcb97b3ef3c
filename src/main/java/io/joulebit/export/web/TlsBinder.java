package io.joulebit.export.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code tls_server_config}: PEM files → SSLContext, client-auth policy, protocol range. Problems go to the loader. */
final class TlsBinder {
    private static final String AT = "tls_server_config.";

    private TlsBinder() {}

    static Optional<WebConfig.Tls> bind(WebConfigLoader l, JsonNode t) {
        l.keys(t, AT, Set.of("cert_file", "key_file", "cert", "key", "client_auth_type",
                "client_ca_file", "client_ca", "min_version", "max_version"));
        List<X509Certificate> chain = null;
        PrivateKey key = null;
        String certText = l.text(t, "cert", "cert_file", AT);
        String keyText = l.text(t, "key", "key_file", AT);
        if (certText == null && !t.has("cert") && !t.has("cert_file")) l.problem(AT + "cert_file", "required for TLS");
        if (keyText == null && !t.has("key") && !t.has("key_file")) l.problem(AT + "key_file", "required for TLS");
        try {
            if (certText != null) chain = Pem.certificates(certText);
        } catch (Pem.PemException e) {
            l.problem(AT + keyName(t, "cert"), e.getMessage());
        }
        try {
            if (keyText != null) key = Pem.privateKey(keyText);
        } catch (Pem.PemException e) {
            l.problem(AT + keyName(t, "key"), e.getMessage());
        }
        WebConfig.ClientAuth auth = clientAuth(l, t);
        List<X509Certificate> cas = List.of();
        String caText = l.text(t, "client_ca", "client_ca_file", AT);
        try {
            if (caText != null) cas = Pem.certificates(caText);
        } catch (Pem.PemException e) {
            l.problem(AT + keyName(t, "client_ca"), e.getMessage());
        }
        boolean hasCa = t.has("client_ca") || t.has("client_ca_file");
        if (auth == WebConfig.ClientAuth.NONE && hasCa) {
            l.problem(AT + "client_ca_file", "client CAs are configured but client_auth_type is NoClientCert; "
                    + "set it to RequireAndVerifyClientCert");
        } else if (auth != WebConfig.ClientAuth.NONE && !hasCa) {
            l.problem(AT + "client_auth_type", "verifying client certificates needs client_ca_file");
        }
        List<String> protocols = protocols(l, t);
        if (chain == null || key == null || protocols.isEmpty() || (hasCa && cas.isEmpty())) return Optional.empty();
        try {
            return Optional.of(new WebConfig.Tls(TlsContexts.server(chain, key, cas), protocols, auth));
        } catch (GeneralSecurityException e) {
            l.problem(AT + keyName(t, "key"), "unusable with the certificate in " + keyName(t, "cert") + ": "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    /** The key the user wrote: {@code cert_file} or the inline {@code cert}. */
    private static String keyName(JsonNode t, String inline) { return t.has(inline) ? inline : inline + "_file"; }

    private static WebConfig.ClientAuth clientAuth(WebConfigLoader l, JsonNode t) {
        JsonNode v = t.get("client_auth_type");
        String s = v == null || v.isNull() ? "NoClientCert" : v.asText();
        return switch (s) {
            case "", "NoClientCert" -> WebConfig.ClientAuth.NONE;
            case "VerifyClientCertIfGiven" -> WebConfig.ClientAuth.VERIFY_IF_GIVEN;
            case "RequireAndVerifyClientCert" -> WebConfig.ClientAuth.REQUIRE_AND_VERIFY;
            case "RequestClientCert", "RequireAnyClientCert", "RequireClientCert" -> {
                l.problem(AT + "client_auth_type", s + " accepts certificates without verifying them and is not "
                        + "supported; use RequireAndVerifyClientCert");
                yield WebConfig.ClientAuth.NONE;
            }
            default -> {
                l.problem(AT + "client_auth_type", "Expecting one of NoClientCert|VerifyClientCertIfGiven|"
                        + "RequireAndVerifyClientCert. Found: " + s);
                yield WebConfig.ClientAuth.NONE;
            }
        };
    }

    /** min_version..max_version (default TLS12..TLS13) as JDK protocol names, newest first; empty after a problem. */
    private static List<String> protocols(WebConfigLoader l, JsonNode t) {
        List<String> all = WebConfigLoader.versions();
        int min = version(l, t, "min_version", "TLS12");
        int max = version(l, t, "max_version", "TLS13");
        if (min < 0 || max < 0) return List.of();
        if (min > max) {
            l.problem(AT + "min_version", "is above max_version (" + all.get(min) + " > " + all.get(max) + ")");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = max; i >= min; i--) out.add(WebConfigLoader.protocol(all.get(i)));
        return out;
    }

    private static int version(WebConfigLoader l, JsonNode t, String key, String dflt) {
        JsonNode v = t.get(key);
        String s = v == null || v.isNull() ? dflt : v.asText();
        int i = WebConfigLoader.versions().indexOf(s);
        if (i < 0) l.problem(AT + key, "Expecting one of " + String.join("|", WebConfigLoader.versions()) + ". Found: " + s);
        return i;
    }
}
