package io.joulebit.export.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

class PemTest {
    @Test
    void readsPkcs1RsaAndSec1EcKeysThatMatchTheirCertificates() throws Exception {
        PrivateKey rsa = Pem.privateKey(PemFixtures.RSA_PKCS1_KEY);
        PrivateKey ec = Pem.privateKey(PemFixtures.EC_SEC1_KEY);
        assertThat(rsa.getAlgorithm()).isEqualTo("RSA");
        assertThat(ec.getAlgorithm()).isEqualTo("EC");
        // server() signs with the key and verifies with the certificate: a wrong decoding cannot pass.
        assertThat(TlsContexts.server(Pem.certificates(PemFixtures.RSA_CERT), rsa, List.of())).isNotNull();
        assertThat(TlsContexts.server(Pem.certificates(PemFixtures.EC_CERT), ec, List.of())).isNotNull();
    }

    @Test
    void readsPkcs8KeysOfEveryAlgorithmTheJdkMakes() throws Exception {
        for (String alg : List.of("RSA", "EC", "Ed25519")) {
            var kp = KeyPairGenerator.getInstance(alg).generateKeyPair();
            PrivateKey back = Pem.privateKey("junk before\n" + TestPki.pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            assertThat(back.getEncoded()).as(alg).isEqualTo(kp.getPrivate().getEncoded());
        }
    }

    @Test
    void mismatchedKeyAndCertificateAreRefused() throws Exception {
        PrivateKey rsa = Pem.privateKey(PemFixtures.RSA_PKCS1_KEY);
        assertThatThrownBy(() -> TlsContexts.server(Pem.certificates(PemFixtures.EC_CERT), rsa, List.of()))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void encryptedKeysGetAClearMessage() {
        assertThatThrownBy(() -> Pem.privateKey(PemFixtures.EC_ENCRYPTED_KEY))
                .isInstanceOf(Pem.PemException.class).hasMessageContaining("encrypted");
        String legacy = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n";
        assertThatThrownBy(() -> Pem.privateKey(legacy)).hasMessageContaining("encrypted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hello", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
            "-----BEGIN PRIVATE KEY-----\n%%%%\n-----END PRIVATE KEY-----\n",
            "-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n",
            "-----BEGIN EC PRIVATE KEY-----\nMAA=\n-----END EC PRIVATE KEY-----\n"})
    void garbageIsAPemExceptionNeverAnotherThrowable(String text) {
        assertThatThrownBy(() -> {
            Pem.certificates(text);
            Pem.privateKey(text);
        }).isInstanceOf(Pem.PemException.class);
    }

    /** Random corruption of real keys: only PemException may come out (the DER reader is bounds-checked). */
    @Test
    void corruptedKeysNeverThrowAnythingElse() throws Exception {
        SplittableRandom rnd = new SplittableRandom(42);
        for (String key : List.of(PemFixtures.RSA_PKCS1_KEY, PemFixtures.EC_SEC1_KEY)) {
            Pem.Block block = Pem.blocks(key).stream().filter(b -> b.type().endsWith("PRIVATE KEY")).findFirst()
                    .orElseThrow();
            byte[] der = block.der();
            for (int i = 0; i < 300; i++) {
                byte[] bad = der.clone();
                for (int f = 0; f < 1 + rnd.nextInt(4); f++) bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
                int cut = rnd.nextInt(bad.length + 1);
                String text = TestPki.pem(block.type(), Arrays.copyOf(bad, i % 2 == 0 ? bad.length : cut));
                try {
                    Pem.privateKey(text);
                } catch (Pem.PemException expected) {
                    // fine: refused with a message
                }
            }
        }
    }
}
