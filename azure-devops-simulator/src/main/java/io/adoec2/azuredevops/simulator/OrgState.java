package io.adoec2.azuredevops.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One organization: its identities and their credentials, projects, and the organization-wide id
 * sequences. Credentials are kept only as SHA-256 digests, so no simulator structure holds a secret.
 */
final class OrgState {

    private static final int FIRST_ENVIRONMENT_ID = 1;
    private static final int FIRST_POOL_ID = 10;
    private static final int FIRST_RESOURCE_ID = 100;
    private static final int FIRST_AGENT_ID = 1000;

    final String name;
    /** The organization's host id, as connectionData reports it. */
    final String id;
    final Identity owner;
    private final World world;
    private final Map<String, Identity> identities = new HashMap<>();
    private final Map<String, Caller> patDigests = new HashMap<>();
    private final Map<String, Caller> bearerDigests = new HashMap<>();
    private final Map<BearerVerifier.App, Caller> servicePrincipals = new HashMap<>();
    final Map<String, ProjectState> projects = new LinkedHashMap<>();
    final Map<Integer, PoolState> pools = new LinkedHashMap<>();
    private int nextEnvironmentId = FIRST_ENVIRONMENT_ID;
    private int nextPoolId = FIRST_POOL_ID;
    private int nextResourceId = FIRST_RESOURCE_ID;
    private int nextAgentId = FIRST_AGENT_ID;
    private long nextRequestId = 1;
    /** jti of client assertions already exchanged: RFC 7523 §3 lets a token endpoint refuse a replay. */
    private final Set<String> usedAssertionIds = new HashSet<>();

    OrgState(World world, String name) {
        this.world = world;
        this.name = name;
        this.id = world.newGuid();
        this.owner = identity(name + " Owner");
    }

    World world() {
        return world;
    }

    Identity identity(String displayName) {
        return identities.computeIfAbsent(Names.key(displayName), key -> {
            String id = world.newGuid();
            String uniqueName = displayName.replaceAll("[^A-Za-z0-9]+", ".") + "@" + name + ".example";
            String descriptor = "aad." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(id.getBytes(StandardCharsets.US_ASCII));
            return new Identity(displayName, id, uniqueName, descriptor);
        });
    }

    void addPat(String pat, String identityName) {
        addPat(pat, identityName, Set.of(Scopes.FULL_ACCESS));
    }

    void addPat(String pat, String identityName, Set<String> scopes) {
        patDigests.put(digest(pat), new Caller(identity(identityName), Scopes.require(scopes)));
    }

    void addBearerToken(String token, String identityName) {
        addBearerToken(token, identityName, Set.of(Scopes.FULL_ACCESS));
    }

    void addBearerToken(String token, String identityName, Set<String> scopes) {
        bearerDigests.put(digest(token), new Caller(identity(identityName), Scopes.require(scopes)));
    }

    boolean firstUseOfAssertion(String jti) {
        return usedAssertionIds.add(jti);
    }

    Optional<Caller> byPat(String pat) {
        return Optional.ofNullable(patDigests.get(digest(pat)));
    }

    /** The app as a user of this organization, with the permissions (scope names) it was granted. */
    void addServicePrincipal(BearerVerifier.App app, String identityName, Set<String> scopes) {
        servicePrincipals.put(new BearerVerifier.App(Names.key(app.tenantId()), Names.key(app.clientId())),
                new Caller(identity(identityName), Scopes.require(scopes)));
    }

    /**
     * A bearer token registered as is, or an access token the trusted identity provider issued to
     * an app this organization has as a user; an app that is not a user is refused like anyone.
     */
    Optional<Caller> byBearerToken(String token) {
        Caller registered = bearerDigests.get(digest(token));
        if (registered != null) {
            return Optional.of(registered);
        }
        return world.identityProvider().flatMap(provider -> provider.verify(token, world.now()))
                .map(app -> servicePrincipals.get(new BearerVerifier.App(Names.key(app.tenantId()),
                        Names.key(app.clientId()))));
    }

    ProjectState project(String projectName) {
        return findProject(projectName).orElseGet(() -> {
            ProjectState project = new ProjectState(this, world.newGuid(), projectName, world.now());
            projects.put(project.id, project);
            return project;
        });
    }

    /** By id or by name ignoring case, as the {project} route segment is resolved. */
    Optional<ProjectState> findProject(String idOrName) {
        ProjectState byId = projects.get(Names.key(idOrName));
        if (byId != null) {
            return Optional.of(byId);
        }
        return projects.values().stream().filter(p -> p.name.equalsIgnoreCase(idOrName)).findFirst();
    }

    Optional<EnvironmentState> findEnvironment(int environmentId) {
        return projects.values().stream().map(p -> p.environments.get(environmentId))
                .filter(e -> e != null).findFirst();
    }

    int nextEnvironmentId() {
        return nextEnvironmentId++;
    }

    int nextResourceId() {
        return nextResourceId++;
    }

    int nextAgentId() {
        return nextAgentId++;
    }

    long nextRequestId() {
        return nextRequestId++;
    }

    PoolState newPool(String poolName) {
        PoolState pool = new PoolState(nextPoolId++, poolName);
        pools.put(pool.id, pool);
        return pool;
    }

    private static String digest(String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
