package io.adoec2.entra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.azuredevops.Secret;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.json.JsonTree;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A certificate credential: the app proves itself with a short JWT it signs with the certificate's
 * private key (private_key_jwt). Format per Microsoft identity platform "certificate credentials":
 * header {@code alg} PS256, {@code typ} JWT, {@code x5t#S256} the base64url SHA-256 thumbprint of the
 * certificate's DER; claims {@code aud} the token endpoint, {@code iss} and {@code sub} the client
 * id, {@code jti}, {@code nbf}, {@code iat}, {@code exp} (at most 10 minutes on). The key and
 * certificate come as PEM (an unencrypted PKCS#8 private key and the certificate) from one source,
 * such as an SSM SecureString; JDK crypto only. The docs' current revision shows PS256 with
 * {@code x5t#S256}, an earlier one RS256 with {@code x5t}: RS256 with both thumbprints is assumed
 * accepted everywhere (the long-standing format, also in the sovereign clouds).
 */
public final class ClientCertificateCredential implements ClientCredential {

    private static final Duration LIFETIME = Duration.ofMinutes(10);
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+)-----END CERTIFICATE-----");

    private final TokenSource pem;
    private final String setting;
    private final Clock clock;

    public ClientCertificateCredential(TokenSource pem, String setting, Clock clock) {
        this.pem = pem;
        this.setting = setting;
        this.clock = clock;
    }

    @Override
    public Map<String, String> proof(EntraApp app) {
        return Map.of("client_assertion_type", FederatedCredential.JWT_BEARER,
                "client_assertion", assertion(app).reveal());
    }

    Secret assertion(EntraApp app) {
        String text = pem.token().reveal();
        PrivateKey key = privateKey(text);
        byte[] certificate = certificate(text);
        Instant now = clock.instant();
        ObjectNode header = JsonTree.object().put("alg", "RS256").put("typ", "JWT")
                .put("x5t", base64Url(digest("SHA-1", certificate)))
                .put("x5t#S256", base64Url(digest("SHA-256", certificate)));
        ObjectNode claims = JsonTree.object()
                .put("aud", app.tokenEndpoint().toString())
                .put("iss", app.clientId())
                .put("sub", app.clientId())
                .put("jti", UUID.randomUUID().toString())
                .put("nbf", now.getEpochSecond())
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond());
        String signingInput = base64Url(JsonTree.writeBytes(header)) + "."
                + base64Url(JsonTree.writeBytes(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Secret.of(signingInput + "." + base64Url(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the client assertion with the key in " + setting
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public void refresh() {
        pem.refresh();
    }

    @Override
    public boolean rereadsOnRefusal() {
        return true;
    }

    @Override
    public Optional<String> fixFor(int code) {
        return switch (code) {
            case 700027 -> Optional.of(setting + " holds no certificate of the app (or a key that does not match"
                    + " it): upload the certificate to the app, or store the app's key and certificate there");
            case 700024 -> Optional.of(setting + ": the assertion signed with it was outside its valid time at"
                    + " Entra: check the function's clock");
            default -> Optional.empty();
        };
    }

    private PrivateKey privateKey(String text) {
        Matcher match = KEY.matcher(text);
        if (!match.find()) {
            throw new IllegalStateException(setting + " must hold an unencrypted PKCS#8 private key"
                    + " (-----BEGIN PRIVATE KEY-----) and the certificate, as PEM");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(mime(match.group(1))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the private key in " + setting + " is not an RSA PKCS#8 key");
        }
    }

    private byte[] certificate(String text) {
        Matcher match = CERTIFICATE.matcher(text);
        if (!match.find()) {
            throw new IllegalStateException(setting + " must hold the certificate (-----BEGIN CERTIFICATE-----)"
                    + " beside its private key, as PEM");
        }
        try {
            byte[] der = mime(match.group(1));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            return certificate.getEncoded();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the certificate in " + setting + " is not an X.509 certificate");
        }
    }

    private static byte[] mime(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    private static byte[] digest(String algorithm, byte[] bytes) {
        try {
            return MessageDigest.getInstance(algorithm).digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String toString() {
        return "ClientCertificateCredential[" + setting + "]";
    }
}
