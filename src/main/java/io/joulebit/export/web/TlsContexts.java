package io.joulebit.export.web;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the server's SSLContext from PEM material and applies protocols and client-auth to each connection. */
public final class TlsContexts {
    private static final char[] IN_MEMORY = "joulebit".toCharArray(); // protects nothing: the store never leaves memory

    private TlsContexts() {}

    /**
     * @param chain     the server certificate first, then intermediates
     * @param clientCas trusted issuers of client certificates; empty when client certificates are not checked
     * @throws GeneralSecurityException when the key does not belong to the certificate, among others
     */
    static SSLContext server(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas)
            throws GeneralSecurityException {
        checkPair(chain.get(0), key);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try {
            ks.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        ks.setKeyEntry("server", key, IN_MEMORY, chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, IN_MEMORY);
        TrustManager[] tms = null;
        if (!clientCas.isEmpty()) {
            KeyStore ts = KeyStore.getInstance("PKCS12");
            try {
                ts.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException(e);
            }
            for (int i = 0; i < clientCas.size(); i++) ts.setCertificateEntry("client-ca-" + i, clientCas.get(i));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            tms = tmf.getTrustManagers();
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tms, new SecureRandom());
        return ctx;
    }

    /** Signs a nonce with the key and verifies it with the certificate: a mismatched pair fails at start, not per handshake. */
    private static void checkPair(X509Certificate cert, PrivateKey key) throws GeneralSecurityException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm(); // EdDSA, Ed25519, Ed448 sign by their own name
        };
        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(nonce);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(cert.getPublicKey());
        v.update(nonce);
        if (!v.verify(sig)) throw new GeneralSecurityException("the private key does not match the certificate");
    }

    /** Per-connection parameters for the JDK HttpsServer. */
    public static HttpsConfigurator configurator(WebConfig.Tls tls) {
        return new HttpsConfigurator(tls.context()) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = tls.context().getDefaultSSLParameters();
                p.setProtocols(tls.protocols().toArray(new String[0]));
                p.setNeedClientAuth(tls.clientAuth() == WebConfig.ClientAuth.REQUIRE_AND_VERIFY);
                if (tls.clientAuth() == WebConfig.ClientAuth.VERIFY_IF_GIVEN) p.setWantClientAuth(true);
                params.setSSLParameters(p);
            }
        };
    }
}
