package io.adoec2.azuredevops.simulator;

import java.util.Objects;
import java.util.Set;

/** Control handle on one organization. Thread-safe. */
public final class SimOrganization {

    private final World world;
    private final OrgState state;

    SimOrganization(World world, OrgState state) {
        this.world = world;
        this.state = state;
    }

    public String name() {
        return state.name;
    }

    /** Lets {@code pat} (sent as HTTP Basic password, any user name) act as {@code identityName} in this organization. */
    public void addPat(String pat, String identityName) {
        requireCredential(pat, "pat");
        Objects.requireNonNull(identityName, "identityName");
        world.locked(() -> state.addPat(pat, identityName));
    }

    /**
     * Lets {@code pat} act as {@code identityName} with only these scopes (the spec's names, e.g.
     * {@code vso.environment_manage}); a call whose operation needs another gets 401, as a PAT short of
     * a scope does. An unknown scope name is refused, naming the known ones.
     */
    public void addPat(String pat, String identityName, Set<String> scopes) {
        requireCredential(pat, "pat");
        Objects.requireNonNull(identityName, "identityName");
        Objects.requireNonNull(scopes, "scopes");
        world.locked(() -> state.addPat(pat, identityName, scopes));
    }

    /** Lets {@code token} (sent as "Authorization: Bearer ...") act as {@code identityName} with only these scopes. */
    public void addBearerToken(String token, String identityName, Set<String> scopes) {
        requireCredential(token, "token");
        Objects.requireNonNull(identityName, "identityName");
        Objects.requireNonNull(scopes, "scopes");
        world.locked(() -> state.addBearerToken(token, identityName, scopes));
    }

    /** Lets {@code token} (sent as "Authorization: Bearer ...") act as {@code identityName} in this organization. */
    public void addBearerToken(String token, String identityName) {
        requireCredential(token, "token");
        Objects.requireNonNull(identityName, "identityName");
        world.locked(() -> state.addBearerToken(token, identityName));
    }

    /**
     * Adds an Entra app (its service principal) to the organization as a user acting as
     * {@code identityName}: its access tokens from the trusted identity provider are accepted here.
     */
    public void addServicePrincipal(String tenantId, String clientId, String identityName) {
        addServicePrincipal(tenantId, clientId, identityName, Set.of(Scopes.FULL_ACCESS));
    }

    /** The same, the app's permissions in the organization given as scope names (as a PAT's are). */
    public void addServicePrincipal(String tenantId, String clientId, String identityName, Set<String> scopes) {
        requireCredential(tenantId, "tenantId");
        requireCredential(clientId, "clientId");
        Objects.requireNonNull(identityName, "identityName");
        world.locked(() -> state.addServicePrincipal(new BearerVerifier.App(tenantId, clientId), identityName,
                scopes));
    }

    /**
     * The project with this name (ignoring case), created if missing. Names Azure DevOps refuses (with
     * / ? # and the like) are refused here too, with the reason.
     */
    public SimProject project(String name) {
        ProjectNames.require(name);
        return world.locked(() -> new SimProject(world, state.project(name)));
    }

    private static void requireCredential(String secret, String what) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }

    static void requireName(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " name must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SimOrganization[" + state.name + "]";
    }
}
