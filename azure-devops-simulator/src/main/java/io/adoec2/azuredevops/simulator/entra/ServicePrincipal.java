package io.adoec2.azuredevops.simulator.entra;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An app registration's credentials in one tenant: client secrets (kept as SHA-256 digests),
 * certificates (public keys by their SHA-256 thumbprint) and federated identity credentials (issuer,
 * subject, audiences, as Microsoft Graph's federatedIdentityCredential). Thread-safe.
 */
public final class ServicePrincipal {

    /** Graph's federatedIdentityCredential: the external token's issuer and subject must equal these exactly. */
    public record FederatedIdentityCredential(String issuer, String subject, List<String> audiences) {
        public FederatedIdentityCredential {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(subject, "subject");
            audiences = List.copyOf(audiences);
        }
    }

    private final String tenantId;
    private final String clientId;
    private final Set<String> secretDigests = new HashSet<>();
    private final Map<String, PublicKey> certificates = new HashMap<>();
    private final List<FederatedIdentityCredential> federated = new ArrayList<>();

    ServicePrincipal(String tenantId, String clientId) {
        this.tenantId = tenantId;
        this.clientId = clientId;
    }

    public String tenantId() {
        return tenantId;
    }

    public String clientId() {
        return clientId;
    }

    public synchronized ServicePrincipal addClientSecret(String secret) {
        secretDigests.add(digest(secret));
        return this;
    }

    public synchronized ServicePrincipal removeClientSecrets() {
        secretDigests.clear();
        return this;
    }

    /** A certificate by its {@code x5t#S256} (base64url SHA-256 of its DER) and public key. */
    public synchronized ServicePrincipal addCertificate(String thumbprintS256, PublicKey key) {
        certificates.put(thumbprintS256, key);
        return this;
    }

    public synchronized ServicePrincipal addFederatedCredential(String issuer, String subject, String audience) {
        federated.add(new FederatedIdentityCredential(issuer, subject, List.of(audience)));
        return this;
    }

    synchronized boolean acceptsSecret(String secret) {
        return secretDigests.contains(digest(secret));
    }

    synchronized PublicKey certificate(String thumbprintS256) {
        return certificates.get(thumbprintS256);
    }

    synchronized List<FederatedIdentityCredential> federatedCredentials() {
        return List.copyOf(federated);
    }

    private static String digest(String secret) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance(
                    "SHA-256").digest(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ServicePrincipal[" + clientId + " in " + tenantId + "]";
    }
}
