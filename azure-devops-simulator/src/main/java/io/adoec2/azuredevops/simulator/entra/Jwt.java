package io.adoec2.azuredevops.simulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * Compact JWS (RFC 7515) with RSA keys, as the stand-ins sign and check them: RS256 for the tokens
 * Entra and STS issue, PS256 for an app's certificate assertion (Microsoft identity platform,
 * certificate credentials). JWKs per RFC 7517 ({@code kty} RSA, {@code n}, {@code e}, {@code kid}).
 */
public final class Jwt {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A token taken apart, its signature not yet checked. */
    public record Parsed(JsonNode header, JsonNode claims, String signingInput, byte[] signature) {
        public String algorithm() {
            return header.path("alg").asText("");
        }

        public boolean verifiedBy(PublicKey key) {
            try {
                Signature verifier = Jwt.signature(algorithm());
                verifier.initVerify(key);
                verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return verifier.verify(signature);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** An RSA key pair with its key id, as a signer publishes it. */
    public record SigningKey(String kid, KeyPair pair) {
        public static SigningKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return new SigningKey(UUID.randomUUID().toString(), generator.generateKeyPair());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The public half as a JWK. */
        public ObjectNode jwk() {
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            return JSON.createObjectNode().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                    .put("n", base64Url(unsigned(key.getModulus()))).put("e", base64Url(unsigned(key.getPublicExponent())));
        }

        public String sign(ObjectNode claims) {
            return Jwt.sign(JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", kid), claims, this);
        }
    }

    private Jwt() {
    }

    /** Signs with the header's algorithm (RS256 or PS256). */
    public static String sign(ObjectNode header, ObjectNode claims, SigningKey key) {
        String input = base64Url(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = signature(header.path("alg").asText());
            signer.initSign(key.pair().getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + base64Url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @throws IllegalArgumentException if it is not a compact JWS with JSON header and claims */
    public static Parsed parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS (three dot-separated parts)");
        }
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(decoder.decode(parts[0]));
            JsonNode claims = JSON.readTree(decoder.decode(parts[1]));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                throw new IllegalArgumentException("header and claims must be JSON objects");
            }
            return new Parsed(header, claims, parts[0] + "." + parts[1], decoder.decode(parts[2]));
        } catch (IOException e) {
            throw new IllegalArgumentException("header or claims are not JSON");
        }
    }

    /** The RSA public key of a JWK. */
    public static PublicKey publicKey(JsonNode jwk) {
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, decoder.decode(jwk.path("n").asText())),
                    new BigInteger(1, decoder.decode(jwk.path("e").asText()))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA JWK");
        }
    }

    private static Signature signature(String algorithm) throws GeneralSecurityException {
        return switch (algorithm) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "PS256" -> {
                Signature pss = Signature.getInstance("RSASSA-PSS");
                pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
                yield pss;
            }
            default -> throw new GeneralSecurityException("unsupported alg " + algorithm);
        };
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            byte[] trimmed = new byte[bytes.length - 1];
            System.arraycopy(bytes, 1, trimmed, 0, trimmed.length);
            return trimmed;
        }
        return bytes;
    }
}
