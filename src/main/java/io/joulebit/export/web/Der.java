package io.joulebit.export.web;

import java.io.ByteArrayOutputStream;

/**
 * Just enough DER to re-wrap a PKCS#1 RSA or SEC1 EC private key as PKCS#8, the one form the JDK's KeyFactory reads.
 * Reads are bounds-checked: a malformed key ends in {@link IllegalArgumentException}, never an index error.
 */
final class Der {
    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;

    /** rsaEncryption 1.2.840.113549.1.1.1 and id-ecPublicKey 1.2.840.10045.2.1, encoded with their tag. */
    static final byte[] RSA_ENCRYPTION = {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 1, 1, 1};
    static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 2, 1};

    private Der() {}

    /** One tag-length-value inside {@code buf}: the whole element spans [start, end), its content [contentStart, end). */
    record Tlv(byte[] buf, int tag, int start, int contentStart, int end) {
        byte[] whole() { return java.util.Arrays.copyOfRange(buf, start, end); }

        /** The first element inside this one. */
        Tlv first() { return read(buf, contentStart, end); }

        /** The element after this one, inside {@code limit}. */
        Tlv next(int limit) { return read(buf, end, limit); }
    }

    static Tlv read(byte[] buf) { return read(buf, 0, buf.length); }

    static Tlv read(byte[] buf, int at, int limit) {
        if (at + 2 > limit) throw new IllegalArgumentException("truncated DER at byte " + at);
        int tag = buf[at] & 0xff;
        int len = buf[at + 1] & 0xff;
        int p = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 3 || p + n > limit) throw new IllegalArgumentException("bad DER length at byte " + at);
            len = 0;
            for (int i = 0; i < n; i++) len = (len << 8) | (buf[p++] & 0xff);
        }
        if (len > limit - p) throw new IllegalArgumentException("DER element overruns its container at byte " + at);
        return new Tlv(buf, tag, at, p, p + len);
    }

    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) content.writeBytes(part);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.size();
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** PKCS#8 PrivateKeyInfo: version 0, the algorithm identifier, the inner key as an OCTET STRING. */
    static byte[] pkcs8(byte[] algorithmIdentifier, byte[] innerKey) {
        return tlv(SEQUENCE, new byte[]{INTEGER, 1, 0}, algorithmIdentifier, tlv(OCTET_STRING, innerKey));
    }

    static byte[] rsaToPkcs8(byte[] pkcs1) {
        if (read(pkcs1).tag() != SEQUENCE) throw new IllegalArgumentException("not a PKCS#1 RSAPrivateKey");
        return pkcs8(tlv(SEQUENCE, RSA_ENCRYPTION, new byte[]{NULL, 0}), pkcs1);
    }

    /** SEC1 ECPrivateKey: SEQUENCE { version, privateKey, [0] curve OID, [1] publicKey }; the curve moves outside. */
    static byte[] ecToPkcs8(byte[] sec1) {
        Tlv seq = read(sec1);
        if (seq.tag() != SEQUENCE) throw new IllegalArgumentException("not a SEC1 ECPrivateKey");
        for (Tlv t = seq.first(); ; t = t.next(seq.end())) {
            if (t.tag() == 0xa0) {
                Tlv curve = t.first();
                if (curve.tag() != OID) throw new IllegalArgumentException("EC key parameters are not a named curve");
                return pkcs8(tlv(SEQUENCE, EC_PUBLIC_KEY, curve.whole()), sec1);
            }
            if (t.end() >= seq.end()) throw new IllegalArgumentException("EC key names no curve");
        }
    }
}
