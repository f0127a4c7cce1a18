package io.adoec2.aws.sign;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The two primitives SigV4 is built of: SHA-256 in lower-case hex, and HMAC-SHA256. */
final class Sha256 {
    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    static String hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Never the key in the message: it is derived from the secret access key.
            throw new IllegalStateException("this JDK cannot compute HMAC-SHA256", e);
        }
    }

    static String hexOf(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
