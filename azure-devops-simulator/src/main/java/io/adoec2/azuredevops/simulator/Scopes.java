package io.adoec2.azuredevops.simulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which scopes each operation needs, and which scopes a scope includes.
 *
 * <p>The table is the {@code security} section of each operation in the REST spec
 * (MicrosoftDocs/vsts-rest-api-specs at adb28786a3e9349d5b3deb43eb2134b682c33bb2: core 7.1,
 * distributedTask/taskAgent 7.1, environments 7.2), where any one listed scope suffices. Where two
 * routes serve one operation with different lists (Environments_* under {@code distributedtask} need
 * vso.environment_manage; under {@code pipelines} vso.build also suffices), the stricter list is used.
 * Operations the spec does not cover: Vmresource_Get (same location as Vmresource_Delete in the .NET
 * client) needs what Vmresource_List needs; connectionData, the location discovery (OPTIONS
 * {org}/_apis/, ResourceAreas) and the agent's sessions need no scope beyond an accepted credential
 * (every client calls the discovery first; the sessions are the agent's own, with its own token).
 *
 * <p>Inclusion ("scope inheritance: some scopes include others", Microsoft's OAuth scopes
 * documentation): a _manage scope includes its _write and read scopes, _execute includes the read
 * scope; {@value #FULL_ACCESS} (a full-access PAT) includes every scope.
 */
final class Scopes {

    /** The scope of a PAT created with "Full access". */
    static final String FULL_ACCESS = "app_token";

    private static final Set<String> PROJECT_READ = Set.of("vso.profile", "vso.project");
    private static final Set<String> ENVIRONMENT = Set.of("vso.environment_manage");
    private static final Set<String> ENVIRONMENT_READ = Set.of("vso.build", "vso.environment_manage");
    private static final Set<String> AGENT_POOLS_READ = Set.of("vso.agentpools");
    private static final Set<String> AGENT_POOLS_MANAGE = Set.of("vso.agentpools_manage");

    private static final Map<String, Set<String>> REQUIRED = Map.ofEntries(
            Map.entry(Operations.PROJECTS_LIST, PROJECT_READ),
            Map.entry(Operations.PROJECTS_GET, PROJECT_READ),
            Map.entry(Operations.ENVIRONMENTS_LIST, ENVIRONMENT),
            Map.entry(Operations.ENVIRONMENTS_GET, ENVIRONMENT),
            Map.entry(Operations.ENVIRONMENTS_ADD, ENVIRONMENT),
            Map.entry(Operations.VMRESOURCE_LIST, ENVIRONMENT_READ),
            Map.entry(Operations.VMRESOURCE_GET, ENVIRONMENT_READ),
            Map.entry(Operations.VMRESOURCE_ADD, Set.of("vso.build_execute", "vso.environment_manage")),
            Map.entry(Operations.VMRESOURCE_REPLACE, ENVIRONMENT),
            Map.entry(Operations.VMRESOURCE_UPDATE, ENVIRONMENT),
            Map.entry(Operations.VMRESOURCE_DELETE, ENVIRONMENT),
            Map.entry(Operations.POOL_GET, ENVIRONMENT_READ),
            Map.entry(Operations.AGENTS_LIST, AGENT_POOLS_READ),
            Map.entry(Operations.AGENTS_GET, AGENT_POOLS_READ),
            Map.entry(Operations.AGENTS_UPDATE, AGENT_POOLS_MANAGE),
            Map.entry(Operations.AGENTS_DELETE, AGENT_POOLS_MANAGE));

    /** Served to any accepted credential (see the class comment). */
    static final Set<String> UNSCOPED = Set.of(Operations.CONNECTION_DATA, Operations.RESOURCE_LOCATIONS,
            Operations.RESOURCE_AREAS_LIST, Operations.RESOURCE_AREAS_GET, Operations.SESSIONS_CREATE,
            Operations.SESSIONS_DELETE, Operations.OAUTH_TOKEN, Operations.UNKNOWN);

    private static final Map<String, Set<String>> INCLUDES = Map.of(
            "vso.agentpools_manage", Set.of("vso.agentpools"),
            "vso.build_execute", Set.of("vso.build"),
            "vso.project_manage", Set.of("vso.project_write", "vso.project"),
            "vso.project_write", Set.of("vso.project"));

    /** Every scope a credential may be given here. */
    static final Set<String> KNOWN = Set.of(FULL_ACCESS, "vso.profile", "vso.project", "vso.project_write",
            "vso.project_manage", "vso.environment_manage", "vso.build", "vso.build_execute", "vso.agentpools",
            "vso.agentpools_manage");

    private Scopes() {
    }

    /** Refuses a scope this table does not know, naming it and the known ones. */
    static Set<String> require(Set<String> scopes) {
        for (String scope : scopes) {
            if (!KNOWN.contains(scope)) {
                throw new IllegalArgumentException("unknown scope '" + scope + "'; the simulator knows "
                        + new TreeSet<>(KNOWN));
            }
        }
        return Set.copyOf(scopes);
    }

    /** Whether a credential with {@code granted} scopes may call {@code operation}. */
    static boolean allow(String operation, Set<String> granted) {
        if (granted.contains(FULL_ACCESS) || UNSCOPED.contains(operation)) {
            return true;
        }
        Set<String> required = REQUIRED.get(operation);
        if (required == null) {
            // An operation nobody classified: refused, so a new route cannot pass unchecked.
            return false;
        }
        for (String scope : granted) {
            if (required.contains(scope)
                    || INCLUDES.getOrDefault(scope, Set.of()).stream().anyMatch(required::contains)) {
                return true;
            }
        }
        return false;
    }

    /** The operations the table covers, for the test that every served operation is classified. */
    static Set<String> classified() {
        Set<String> all = new TreeSet<>(REQUIRED.keySet());
        all.addAll(UNSCOPED);
        return all;
    }
}
