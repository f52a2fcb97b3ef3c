package io.joulebit.export.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway PKI made with the JDK's own keytool (no openssl needed) once per test JVM: a trusted CA, an unrelated
 * "other" CA, a server certificate for 127.0.0.1/localhost (RSA) and a client certificate (EC), both issued by the
 * CA. Keys are exported to PEM (PKCS#8) by plain JDK code, as an operator would hand them to the agent.
 */
final class TestPki {
    private static final String PASS = "changeit";
    private static TestPki instance;

    final Path dir;
    final Path caPem;
    final Path otherCaPem;
    final Path serverChainPem;
    final Path serverKeyPem;
    final X509Certificate ca;
    final X509Certificate otherCa;
    final X509Certificate clientCert;
    final PrivateKey clientKey;

    private TestPki(Path dir) throws Exception {
        this.dir = dir;
        String san = "san=ip:127.0.0.1,dns:localhost";
        parallel(genkey("ca", "EC", "CN=joulebit test CA", "-ext", "bc:c"),
                genkey("other", "EC", "CN=unrelated CA", "-ext", "bc:c"),
                genkey("server", "RSA", "CN=localhost"),
                genkey("client", "EC", "CN=scraper"));
        parallel(argv("-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr"),
                argv("-certreq", "-alias", "client", "-keystore", "client.p12", "-file", "client.csr"));
        parallel(argv("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr", "-outfile",
                        "server.crt", "-rfc", "-validity", "2", "-ext", san, "-ext", "eku=serverAuth"),
                argv("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "client.csr", "-outfile",
                        "client.crt", "-rfc", "-validity", "2", "-ext", "eku=clientAuth"));
        ca = (X509Certificate) load("ca.p12").getCertificate("ca");
        otherCa = (X509Certificate) load("other.p12").getCertificate("other");
        X509Certificate server = cert(Files.readString(dir.resolve("server.crt")));
        clientCert = cert(Files.readString(dir.resolve("client.crt")));
        clientKey = (PrivateKey) load("client.p12").getKey("client", PASS.toCharArray());
        caPem = write("ca.pem", pem("CERTIFICATE", ca.getEncoded()));
        otherCaPem = write("other-ca.pem", pem("CERTIFICATE", otherCa.getEncoded()));
        serverChainPem = write("server-chain.pem", pem("CERTIFICATE", server.getEncoded())
                + pem("CERTIFICATE", ca.getEncoded()));
        PrivateKey serverKey = (PrivateKey) load("server.p12").getKey("server", PASS.toCharArray());
        serverKeyPem = write("server-key.pem", pem("PRIVATE KEY", serverKey.getEncoded()));
    }

    static synchronized TestPki get() throws Exception {
        if (instance == null) {
            Path dir = Files.createTempDirectory("joulebit-pki");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            instance = new TestPki(dir);
        }
        return instance;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private List<String> genkey(String alias, String alg, String dname, String... ext) {
        List<String> a = argv("-genkeypair", "-alias", alias, "-keyalg", alg, "-dname", dname, "-validity", "2",
                "-keystore", alias + ".p12");
        a.addAll(alg.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
        a.addAll(List.of(ext));
        return a;
    }

    private static List<String> argv(String... args) {
        List<String> a = new ArrayList<>();
        a.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        a.addAll(List.of(args));
        a.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS, "-noprompt"));
        return a;
    }

    @SafeVarargs
    private void parallel(List<String>... commands) throws Exception {
        List<Process> ps = new ArrayList<>();
        for (List<String> c : commands) {
            ps.add(new ProcessBuilder(c).directory(dir.toFile()).redirectErrorStream(true).start());
        }
        for (int i = 0; i < ps.size(); i++) {
            Process p = ps.get(i);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("keytool hung: " + commands[i]);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) throw new IOException("keytool failed: " + commands[i] + "\n" + out);
        }
    }

    private KeyStore load(String file) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve(file))) {
            ks.load(in, PASS.toCharArray());
        }
        return ks;
    }

    private static X509Certificate cert(String pemText) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pemText.getBytes(StandardCharsets.US_ASCII)));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
