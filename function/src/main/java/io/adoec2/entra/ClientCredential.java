package io.adoec2.entra;

import java.util.Map;
import java.util.Optional;

/** How the app proves who it is in a token request: a client secret, a certificate's assertion, or a federated one. */
public interface ClientCredential {

    /** The form fields that carry the proof; they hold the secret or assertion, so only the request sees them. */
    Map<String, String> proof(EntraApp app);

    /** Drops anything cached, so a rotated secret or certificate is read again. */
    void refresh();

    /** Whether Entra's refusal of this kind of proof is worth one retry with a fresh read (a rotated secret). */
    default boolean rereadsOnRefusal() {
        return false;
    }

    /** What to fix when Entra refuses the proof with this AADSTS code, naming the setting; empty if it is not about the proof. */
    Optional<String> fixFor(int aadstsCode);
}
