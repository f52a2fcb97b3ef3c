package io.joulebit.export.web;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text to JDK objects: certificates (X.509) and an unencrypted private key in PKCS#8 ("PRIVATE KEY"), PKCS#1
 * ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") form. Failures are {@link PemException}s whose message names what
 * is wrong but never includes key material.
 */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA"};

    static final class PemException extends Exception {
        private static final long serialVersionUID = 1L;

        PemException(String message) { super(message); }
    }

    record Block(String type, byte[] der) {}

    private Pem() {}

    static List<Block> blocks(String text) throws PemException {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            if (body.contains("Proc-Type:") || body.contains("DEK-Info:")) {
                throw new PemException("encrypted " + m.group(1) + " is not supported; decrypt it first "
                        + "(openssl pkey -in KEY -out PLAIN)");
            }
            try {
                out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new PemException("bad base64 in " + m.group(1) + " block");
            }
        }
        return out;
    }

    static List<X509Certificate> certificates(String text) throws PemException {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(text)) {
                if (b.type().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new PemException("not a valid X.509 certificate: " + e.getMessage());
        }
        if (certs.isEmpty()) throw new PemException("no -----BEGIN CERTIFICATE----- block");
        return certs;
    }

    static PrivateKey privateKey(String text) throws PemException {
        for (Block b : blocks(text)) {
            switch (b.type()) {
                case "PRIVATE KEY" -> { return decode(b.der(), "PKCS#8"); }
                case "RSA PRIVATE KEY" -> { return decode(wrap(b, true), "PKCS#1 RSA"); }
                case "EC PRIVATE KEY" -> { return decode(wrap(b, false), "SEC1 EC"); }
                case "ENCRYPTED PRIVATE KEY" -> throw new PemException("encrypted private keys are not supported; "
                        + "decrypt it first (openssl pkey -in KEY -out PLAIN)");
                default -> { /* EC PARAMETERS, certificates beside the key: skipped */ }
            }
        }
        throw new PemException("no -----BEGIN PRIVATE KEY----- (or RSA/EC PRIVATE KEY) block");
    }

    private static byte[] wrap(Block b, boolean rsa) throws PemException {
        try {
            return rsa ? Der.rsaToPkcs8(b.der()) : Der.ecToPkcs8(b.der());
        } catch (IllegalArgumentException e) {
            throw new PemException("malformed " + b.type() + ": " + e.getMessage());
        }
    }

    private static PrivateKey decode(byte[] pkcs8, String form) throws PemException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(pkcs8);
        for (String alg : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(spec);
            } catch (GeneralSecurityException | RuntimeException e) {
                // try the next algorithm: PKCS#8 names it inside, and the wrong factory refuses
            }
        }
        throw new PemException("unreadable " + form + " private key (supported: RSA, EC, Ed25519)");
    }
}
