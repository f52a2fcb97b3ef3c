package io.joulebit.export.web;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * PEM text to JDK objects with BouncyCastle (PEMParser, JcaPEMKeyConverter): certificates (X.509) and an
 * unencrypted private key in PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") form.
 * Keys come out as the JDK's own key objects (no BouncyCastle provider is installed). Failures are
 * {@link PemException}s whose message names what is wrong but never includes key material.
 */
final class Pem {
    private static final String DECRYPT = "decrypt it first (openssl pkey -in KEY -out PLAIN)";

    static final class PemException extends Exception {
        private static final long serialVersionUID = 1L;

        PemException(String message) { super(message); }
    }

    record Block(String type, byte[] der) {}

    private Pem() {}

    static List<Block> blocks(String text) throws PemException {
        List<Block> out = new ArrayList<>();
        try (PemReader r = new PemReader(new StringReader(text))) {
            for (PemObject o = read(r); o != null; o = read(r)) {
                for (Object h : o.getHeaders()) {
                    String name = ((PemHeader) h).getName();
                    if (name.equals("Proc-Type") || name.equals("DEK-Info")) {
                        throw new PemException("encrypted " + o.getType() + " is not supported; " + DECRYPT);
                    }
                }
                out.add(new Block(o.getType(), o.getContent()));
            }
        } catch (IOException e) {
            throw new PemException("unreadable PEM: " + e.getMessage());
        }
        return out;
    }

    /** One PEM object; bad base64 (a RuntimeException inside BouncyCastle) becomes a PemException. */
    private static PemObject read(PemReader r) throws IOException, PemException {
        try {
            return r.readPemObject();
        } catch (RuntimeException e) {
            throw new PemException("bad base64 in a PEM block");
        }
    }

    static List<X509Certificate> certificates(String text) throws PemException {
        blocks(text); // encrypted and base64 problems, named the same for certificates and keys
        List<X509Certificate> certs = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof X509CertificateHolder h) certs.add(converter.getCertificate(h));
            }
        } catch (Exception e) {
            throw new PemException("not a valid X.509 certificate: " + brief(e));
        }
        if (certs.isEmpty()) throw new PemException("no -----BEGIN CERTIFICATE----- block");
        return certs;
    }

    static PrivateKey privateKey(String text) throws PemException {
        List<Block> blocks = blocks(text);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser p = new PEMParser(new StringReader(text))) {
            for (Block b : blocks) {
                Object o = p.readObject();
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof PEMEncryptedKeyPair) {
                    throw new PemException("encrypted private keys are not supported; " + DECRYPT);
                }
                PrivateKeyInfo info = o instanceof PrivateKeyInfo k ? k
                        : o instanceof PEMKeyPair kp ? kp.getPrivateKeyInfo() : null;
                if (info == null) continue; // EC PARAMETERS, certificates beside the key: skipped
                try {
                    return converter.getPrivateKey(info);
                } catch (Exception e) {
                    throw new PemException("unreadable " + form(b.type()) + " private key (supported: RSA, EC, "
                            + "Ed25519): " + brief(e));
                }
            }
        } catch (PemException e) {
            throw e;
        } catch (Exception e) {
            throw new PemException("malformed private key block: " + brief(e));
        }
        throw new PemException("no -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY) block");
    }

    private static String form(String type) {
        return switch (type) {
            case "RSA PRIVATE KEY" -> "PKCS#1 RSA";
            case "EC PRIVATE KEY" -> "SEC1 EC";
            default -> "PKCS#8";
        };
    }

    /** The library's reason, without a cause chain that could quote bytes of the input. */
    private static String brief(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }
}
