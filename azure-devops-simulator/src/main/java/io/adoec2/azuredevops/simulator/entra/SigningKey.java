package io.adoec2.azuredevops.simulator.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.azuredevops.simulator.Rs256Jwt;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.UUID;

/**
 * An issuer's RSA signing key with its key id, published as a JWK (RFC 7517 §4, RFC 7518 §6.3:
 * {@code kty} RSA, {@code n}, {@code e}, {@code kid}); tokens are signed with the simulator's one JWT
 * class, {@link Rs256Jwt}.
 */
public record SigningKey(String kid, KeyPair pair) {

    static final ObjectMapper JSON = new ObjectMapper();

    public static SigningKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new SigningKey(UUID.randomUUID().toString(), generator.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String sign(ObjectNode claims) {
        return Rs256Jwt.sign(claims, pair.getPrivate(), kid);
    }

    public PublicKey publicKey() {
        return pair.getPublic();
    }

    /** The public half as a JWK. */
    public ObjectNode jwk() {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return JSON.createObjectNode().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", encoder.encodeToString(unsigned(key.getModulus())))
                .put("e", encoder.encodeToString(unsigned(key.getPublicExponent())));
    }

    /** The RSA public key of a JWK. */
    static PublicKey publicKey(JsonNode jwk) {
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, decoder.decode(jwk.path("n").asText())),
                    new BigInteger(1, decoder.decode(jwk.path("e").asText()))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA JWK");
        }
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
