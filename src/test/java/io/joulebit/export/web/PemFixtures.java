package io.joulebit.export.web;

/**
 * TEST-ONLY key material, generated once with OpenSSL 3.0 for this file and never used anywhere else (the keys are
 * public by being here). They cover the key forms keytool cannot write: PKCS#1 RSA ("RSA PRIVATE KEY"), SEC1 EC
 * ("EC PRIVATE KEY" after "EC PARAMETERS") and an encrypted PKCS#8 key. Certificates are self-signed for 127.0.0.1,
 * valid 100 years. Regenerate with:
 * <pre>
 * openssl genrsa -traditional -out rsa1.key 2048
 * openssl req -x509 -new -key rsa1.key -days 36500 -subj "/CN=joulebit-test-rsa" \
 *     -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -out rsa1.crt
 * openssl ecparam -name prime256v1 -genkey -out ec.key
 * openssl req -x509 -new -key ec.key -days 36500 -subj "/CN=joulebit-test-ec" \
 *     -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -out ec.crt
 * openssl pkcs8 -topk8 -in ec.key -passout pass:secret -out ec-enc.key
 * </pre>
 */
final class PemFixtures {
    private PemFixtures() {}

    static final String RSA_PKCS1_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            MIIEpQIBAAKCAQEA39jt8kAjN6UJkd0tHQj/pVgcA9vJ15dGwmq+Z3JhfW5Hfbk8
            sBYFzSOYqDyFihwTNTxcm4pM4Odod9ctlGM6hMEOdIJEs56NMY4cEIKT0+QgV2yQ
            HLRsMcQIqt8qTRwrzQiyHdwSA5ykWp6uQJoQ+yH3klXVLrx2knYna20GDUp4gEGo
            e6LwSq5murJUPXvHm+1XD/ZLXr/25qFsPpaRkhOGDkBuXMianJltPaZoJvHeZB65
            AdxhSiQqrqolCVaDAVxuIRgzUKPtJyT8jlw1Thvz/+Qq3cy/0ySVnQU2L01LLesb
            rTlrH20RKqUYrHRThqqSw64e/tZ23IHf4qVYoQIDAQABAoIBAGZsWPvmcvbMEiPm
            4vSNIIRkW3U8hQ+bjWn586Nbx9XftuCE+IrNmNvzdK9N+gBmtjc+plUZI/IokDl9
            gMKL4MPLnjSbQpo5avuIvbikNsXWdSHrb8limLrwqtKciDt+L2CCoRVek/OJIf7A
            6pRuqmRud1xC3+ehnlOHsqPJ3+IGHQfGuTbTJhFFiaZxRsRZwr2n6j/RFCFJbaO2
            DfiDIsvIjTllVZDCcGpT9qB5rvy89E5HNCHE6EpHT6xbUfSTHHrPTgFW6P6ddFwV
            hTEOicPXh4DxbWz7EbkNa4P/dHmMzsnPuGaPsbG3zzlZr/mRVmO2sFh4ecHv+Y9b
            qppeoT0CgYEA99aWL7mw/K2b3YQq0WbMTV4dDGA79VHxVvjMLx4Kxjk9i9Pnfo00
            CkURRFuNIDF2iRncm87ZvGFiNhlyetbMhbjJz7r/9pSyDpjiUV3gmkFOM1VLsTir
            VQDLCa5e+KyUBcR9E3nDN57A4ZgstwF9r3AgRfxKIDxpmmar6S6LuLsCgYEA5zgW
            MXf8V5QhA/Vo08OrQmoMBIOqWvJ5YhGJlhhiPfC3GVQqy1++wsoLXaE5IykjzXbB
            6PG+j5LV93RDuZlgI/CZtu/xX7KGTY7ieJgQoS9VYKNHq0RvlbpO6/QE+MDalGqy
            jpatpaOk/4Y8yB5bGLqlni/IcJ91t+bhmZksHFMCgYEA8fgXH7drPfd+ErMEXve/
            hdXaBIg8YdJED4bPSz1IhanDFi6oeF0CLvip2BSOX50LPuX6BkDZQlvN2EXWCGqI
            uhHlLyRC3YrloOzRIWHHdLNH10Rypy9Nz6r7kJMm9CECT/M7rnUWDMq5REgfd/lD
            rbKKP+oGsRxqei29r+ca0RsCgYEA5HTkaMh3CkmQPYsTonkpFBwX97Xocqg2CxHs
            8eLx3uWi5GHnTr8xiuF7TW3pOLaDa5W1juadNNsOksvLxuyms5wdJUX7JmUMkkFl
            v2XwuHI+V5e9Tpn17ukA5d5bszVKQ28RMhXrSUhh1R/bmpdzxwFUdvIbiDvmYmi7
            67oOfYUCgYEAoutVWtMQ1M+/Yul+jkf+rIbP2qUntu7EmrZvf4WRaUpaoVWI5179
            f6eMUiR5nXUJnUBuXSTJAADHa+2lTlO/ECU1SgKaxzC95i4qY7j+hIjknfnY+K0N
            UDZWTR59CKrzsKeW2XgApDDvG0YXndvuoATGlMRU7yDN6bNWftgBhrA=
            -----END RSA PRIVATE KEY-----
            """;

    static final String RSA_CERT = """
            -----BEGIN CERTIFICATE-----
            MIIDNzCCAh+gAwIBAgIUJogGILfd9i5FS02XpILP3NwlPI4wDQYJKoZIhvcNAQEL
            BQAwHDEaMBgGA1UEAwwRam91bGViaXQtdGVzdC1yc2EwIBcNMjYxMTIyMDg1MDQ2
            WhgPMjEyNjEwMjkwODUwNDZaMBwxGjAYBgNVBAMMEWpvdWxlYml0LXRlc3QtcnNh
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA39jt8kAjN6UJkd0tHQj/
            pVgcA9vJ15dGwmq+Z3JhfW5Hfbk8sBYFzSOYqDyFihwTNTxcm4pM4Odod9ctlGM6
            hMEOdIJEs56NMY4cEIKT0+QgV2yQHLRsMcQIqt8qTRwrzQiyHdwSA5ykWp6uQJoQ
            +yH3klXVLrx2knYna20GDUp4gEGoe6LwSq5murJUPXvHm+1XD/ZLXr/25qFsPpaR
            khOGDkBuXMianJltPaZoJvHeZB65AdxhSiQqrqolCVaDAVxuIRgzUKPtJyT8jlw1
            Thvz/+Qq3cy/0ySVnQU2L01LLesbrTlrH20RKqUYrHRThqqSw64e/tZ23IHf4qVY
            oQIDAQABo28wbTAdBgNVHQ4EFgQUVZdGQHb0b3NiT6m+bRjOYfwsCwowHwYDVR0j
            BBgwFoAUVZdGQHb0b3NiT6m+bRjOYfwsCwowDwYDVR0TAQH/BAUwAwEB/zAaBgNV
            HREEEzARhwR/AAABgglsb2NhbGhvc3QwDQYJKoZIhvcNAQELBQADggEBAM2a//3w
            Fw/Rs5z0Ry8MrEEwA3Q9DO06O956QyDWGQsU3aZhwkkFBUE21rnBQ8zaDBzCUqXP
            Mk3wkN9LiOi8tE8zE3wzyBFPhceUhDdfoOdprSM+0dGWp6Q17uhIfpRHUIkvD0+c
            JbXT/bYG9RDCqi1Ksa91tjVMUTUTt+8M1ICsz4089eNAx38PMrlvxUq5C9x6Gfv3
            ChvYY7yHvRVKZydTbmyYztcl5huyVGRTH1baZdkwSOu/kEy3L6s9SbQj8ONa79Vz
            7uj1nUP7bGqepRRMlE8k6iDv5v4WNeFjKOmRhWPq29m6bfG0NXfB54Bv5n1vnk+f
            9gkBLMRrhoXCMRo=
            -----END CERTIFICATE-----
            """;

    static final String EC_SEC1_KEY = """
            -----BEGIN EC PARAMETERS-----
            BggqhkjOPQMBBw==
            -----END EC PARAMETERS-----
            -----BEGIN EC PRIVATE KEY-----
            MHcCAQEEIO9Jyu1USrrBGUJyYYiFIEBRE5mjgG8qRAho94ri4sNGoAoGCCqGSM49
            AwEHoUQDQgAENDE8mFO3YvPrnCVoUMCs/kPvISSn7oTU497GgxAfwv8jK4EVABz9
            MJ1q03oH8M8Tne/DrtRuSRLj2NasrzxaiA==
            -----END EC PRIVATE KEY-----
            """;

    static final String EC_CERT = """
            -----BEGIN CERTIFICATE-----
            MIIBqTCCAU+gAwIBAgIUZ3dvEm/Gl/ywEOyi31zdMn+1zj8wCgYIKoZIzj0EAwIw
            GzEZMBcGA1UEAwwQam91bGViaXQtdGVzdC1lYzAgFw0yNjExMjIwODUwNDZaGA8y
            MTI2MTAyOTA4NTA0NlowGzEZMBcGA1UEAwwQam91bGViaXQtdGVzdC1lYzBZMBMG
            ByqGSM49AgEGCCqGSM49AwEHA0IABDQxPJhTt2Lz65wlaFDArP5D7yEkp+6E1OPe
            xoMQH8L/IyuBFQAc/TCdatN6B/DPE53vw67UbkkS49jWrK88WoijbzBtMB0GA1Ud
            DgQWBBSuu4Wh20JCQVmL53Yo1Useytr/NjAfBgNVHSMEGDAWgBSuu4Wh20JCQVmL
            53Yo1Useytr/NjAPBgNVHRMBAf8EBTADAQH/MBoGA1UdEQQTMBGHBH8AAAGCCWxv
            Y2FsaG9zdDAKBggqhkjOPQQDAgNIADBFAiEA4nGG7kAPHMaZT5luIROR6kBRlQxx
            y8sl/qjnOgVlBnICIC87Hb9ZgxM6jpDdwKozmfUbWhGlwCueb3XgYZr3m56t
            -----END CERTIFICATE-----
            """;

    static final String EC_ENCRYPTED_KEY = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh09x1W3KiHuQICCAAw
            DAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEEPpC2gl1WvrO2DDGU6Bvi/YEgZCb
            zYGXtY1/BLI8eqCUL8eySJNoWGDlx7wDn3Thd3OowCj1iS3VrNJUSLdfMGjLE9+X
            zA2MNE2KM0c9MKTRzCg+A6SyA4ovQY8wEgAb/wSqkMk0DDI1oygnhLczwT7lf4sl
            8PyQD+042GSoPvOpdsXbpssd2LrdrCyZyknPRnz9uuXd8ZzTz9CSI2VdTx+C6d0=
            -----END ENCRYPTED PRIVATE KEY-----
            """;
}
