package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

/**
 * The simulator's one JSON Web Token implementation: RS256 (RSASSA-PKCS1-v1_5 with SHA-256) only, in
 * the JWS compact serialization. Used for the agent's OAuth client assertion (RFC 7523) and for Entra
 * tokens; nothing else in the simulator parses or signs a JWT.
 *
 * <p>Rules followed, strictly, because a stand-in that accepts what the service refuses hides bugs:
 * <ul>
 * <li>RFC 7515 §7.1 compact form: exactly three base64url parts without padding (§2); the header must
 * be a JSON object; "alg" must be exactly "RS256" (an unsecured "none" token, RFC 7519 §6, or any other
 * algorithm is refused rather than negotiated: §4.1.1); a "crit" header is refused as no extension is
 * understood (§4.1.11); the signature is checked over the ASCII of {@code header.payload} (§5.2).</li>
 * <li>RFC 7519 §4.1.4/§4.1.5: "exp" and "nbf" are NumericDates (seconds since the epoch); a token is
 * refused at or after exp and before nbf, with a clock skew allowance the caller chooses (§4.1.4
 * permits "some small leeway").</li>
 * <li>RFC 7523 §3 (checked by {@link #requireClientAssertion}): "iss" and "sub" present, "sub" the
 * client id (§2.2), "aud" naming the token endpoint (a string or an array holding it), "exp" present.</li>
 * </ul>
 */
public final class Rs256Jwt {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A token that was refused; the message says which rule, never the token. */
    public static final class InvalidJwtException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidJwtException(String message) {
            super(message);
        }
    }

    /** A token whose signature verified: its header and claims. */
    public record Verified(JsonNode header, JsonNode claims) {

        public Optional<String> claim(String name) {
            JsonNode value = claims.get(name);
            return value != null && value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
        }
    }

    private Rs256Jwt() {
    }

    /** Signs the claims with header {"alg":"RS256","typ":"JWT"} plus a "kid" when one is given. */
    public static String sign(JsonNode claims, PrivateKey key, String keyId) {
        ObjectNode header = Json.object();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        String signingInput = ENCODER.encodeToString(Json.bytes(header)) + "."
                + ENCODER.encodeToString(Json.bytes(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + ENCODER.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage(), e);
        }
    }

    /** Verifies against one key. */
    public static Verified verify(String token, PublicKey key) throws InvalidJwtException {
        return verify(token, unverified -> Optional.of(key));
    }

    /**
     * Verifies against the key the still-unverified token selects: by the header's "kid", or by its
     * "sub" as an RFC 7523 token endpoint finds the client. No key is a refusal; nothing of the
     * unverified token is trusted beyond choosing the key.
     */
    public static Verified verify(String token, Function<Verified, Optional<PublicKey>> keyFor)
            throws InvalidJwtException {
        if (token == null) {
            throw new InvalidJwtException("no token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidJwtException("not a JWS compact serialization: " + parts.length + " parts, not 3");
        }
        JsonNode header = jsonObject(parts[0], "header");
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !alg.asText().equals("RS256")) {
            throw new InvalidJwtException("alg must be RS256, was " + (alg == null ? "absent" : alg.toString()));
        }
        if (header.has("crit")) {
            throw new InvalidJwtException("crit header names extensions this verifier does not understand");
        }
        JsonNode claims = jsonObject(parts[1], "claims");
        PublicKey key = keyFor.apply(new Verified(header, claims))
                .orElseThrow(() -> new InvalidJwtException("no key is known for this token"));
        byte[] signatureBytes = decode(parts[2], "signature");
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(signatureBytes)) {
                throw new InvalidJwtException("signature does not verify with the key");
            }
        } catch (GeneralSecurityException e) {
            throw new InvalidJwtException("signature does not verify with the key: " + e.getClass().getSimpleName());
        }
        return new Verified(header, claims);
    }

    /** RFC 7519 exp (required) and nbf (if present), with the given leeway. */
    public static void requireCurrent(Verified token, Instant now, Duration skew) throws InvalidJwtException {
        long exp = numericDate(token.claims(), "exp")
                .orElseThrow(() -> new InvalidJwtException("exp claim is required"));
        if (now.minus(skew).getEpochSecond() >= exp) {
            throw new InvalidJwtException("token expired at " + Instant.ofEpochSecond(exp));
        }
        Optional<Long> nbf = numericDate(token.claims(), "nbf");
        if (nbf.isPresent() && now.plus(skew).getEpochSecond() < nbf.get()) {
            throw new InvalidJwtException("token not valid before " + Instant.ofEpochSecond(nbf.get()));
        }
    }

    /** RFC 7523 §3 for a client assertion of {@code clientId} presented at {@code tokenEndpoint}. */
    public static void requireClientAssertion(Verified token, String clientId, String tokenEndpoint, Instant now,
            Duration skew) throws InvalidJwtException {
        if (token.claim("iss").isEmpty()) {
            throw new InvalidJwtException("iss claim is required");
        }
        if (!token.claim("sub").map(clientId::equalsIgnoreCase).orElse(false)) {
            throw new InvalidJwtException("sub claim must be the client id");
        }
        JsonNode aud = token.claims().get("aud");
        boolean audienceMatches = aud != null && (aud.isTextual() ? aud.asText().equals(tokenEndpoint)
                : aud.isArray() && containsText(aud, tokenEndpoint));
        if (!audienceMatches) {
            throw new InvalidJwtException("aud claim must name the token endpoint " + tokenEndpoint);
        }
        requireCurrent(token, now, skew);
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode each : array) {
            if (each.isTextual() && each.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Long> numericDate(JsonNode claims, String name) throws InvalidJwtException {
        JsonNode value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            throw new InvalidJwtException(name + " must be a NumericDate, was " + value.getNodeType());
        }
        return Optional.of(value.asLong());
    }

    private static JsonNode jsonObject(String part, String what) throws InvalidJwtException {
        try {
            JsonNode node = Json.MAPPER.readTree(decode(part, what));
            if (node == null || !node.isObject()) {
                throw new InvalidJwtException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new InvalidJwtException(what + " is not JSON");
        }
    }

    private static byte[] decode(String part, String what) throws InvalidJwtException {
        if (part.isEmpty() || part.contains("=")) {
            throw new InvalidJwtException(what + " is empty or padded; base64url without padding is required");
        }
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidJwtException(what + " is not base64url");
        }
    }
}
