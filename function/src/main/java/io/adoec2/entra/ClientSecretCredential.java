package io.adoec2.entra;

import io.adoec2.azuredevops.TokenSource;
import java.util.Map;
import java.util.Optional;

/** The app's client secret, read (and cached) by a token source such as the SSM parameter that holds it. */
public final class ClientSecretCredential implements ClientCredential {

    private final TokenSource secret;
    private final String setting;

    /** @param setting where the secret is kept, named for messages (the parameter and the variable naming it) */
    public ClientSecretCredential(TokenSource secret, String setting) {
        this.secret = secret;
        this.setting = setting;
    }

    @Override
    public Map<String, String> proof(EntraApp app) {
        return Map.of("client_secret", secret.token().reveal());
    }

    @Override
    public void refresh() {
        secret.refresh();
    }

    @Override
    public boolean rereadsOnRefusal() {
        return true;
    }

    @Override
    public Optional<String> fixFor(int code) {
        return switch (code) {
            case 7000215 -> Optional.of(setting + " holds no valid client secret of the app: store the secret's"
                    + " value (not its id) there");
            case 7000222 -> Optional.of(setting + " holds an expired client secret: add a new secret to the app and"
                    + " store it there");
            default -> Optional.empty();
        };
    }

    @Override
    public String toString() {
        return "ClientSecretCredential[" + setting + "]";
    }
}
