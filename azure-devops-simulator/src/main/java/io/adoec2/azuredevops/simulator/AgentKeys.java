package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The TaskAgentPublicKey an agent registers: exponent and modulus as the .NET serializer writes a
 * byte[] (a base64 string, big-endian unsigned; TaskAgentPublicKey in actions/runner src/Sdk/DTWebApi).
 * The spec's swagger calls them arrays of bytes, so an array of numbers is read too.
 */
final class AgentKeys {

    private AgentKeys() {
    }

    /** The key, or null when the agent sent none; a malformed key is a 400 naming the field. */
    static RSAPublicKey publicKey(JsonNode publicKey) {
        if (publicKey == null || publicKey.isMissingNode() || publicKey.isNull()) {
            return null;
        }
        BigInteger exponent = unsigned(publicKey.get("exponent"), "exponent");
        BigInteger modulus = unsigned(publicKey.get("modulus"), "modulus");
        if (modulus.bitLength() < 2048) {
            throw AdoException.system(400, "ArgumentException",
                    "agent.authorization.publicKey.modulus must be at least 2048 bits, was " + modulus.bitLength());
        }
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException e) {
            throw AdoException.system(400, "ArgumentException", "agent.authorization.publicKey is not an RSA key");
        }
    }

    private static BigInteger unsigned(JsonNode value, String field) {
        byte[] bytes;
        if (value != null && value.isTextual()) {
            try {
                bytes = Base64.getDecoder().decode(value.asText());
            } catch (IllegalArgumentException e) {
                throw invalid(field);
            }
        } else if (value != null && value.isArray()) {
            bytes = new byte[value.size()];
            for (int i = 0; i < bytes.length; i++) {
                if (!value.get(i).canConvertToInt() || value.get(i).intValue() < 0 || value.get(i).intValue() > 255) {
                    throw invalid(field);
                }
                bytes[i] = (byte) value.get(i).intValue();
            }
        } else {
            throw invalid(field);
        }
        if (bytes.length == 0) {
            throw invalid(field);
        }
        return new BigInteger(1, bytes);
    }

    private static AdoException invalid(String field) {
        return AdoException.system(400, "ArgumentException",
                "agent.authorization.publicKey." + field + " must be base64 bytes");
    }
}
