package io.adoec2.azuredevops.simulator;

import java.util.Set;
import java.util.TreeSet;

/** The operations the simulator serves, named by the spec's operationId (first word of it). */
final class Operations {

    static final String CONNECTION_DATA = "ConnectionData_Get";
    /** OPTIONS {org}/_apis/: the resource locations (not in the REST spec, as connectionData). */
    static final String RESOURCE_LOCATIONS = "ResourceLocations_Options";
    static final String RESOURCE_AREAS_LIST = "ResourceAreas_List";
    static final String RESOURCE_AREAS_GET = "ResourceAreas_Get";
    static final String PROJECTS_LIST = "Projects_List";
    static final String PROJECTS_GET = "Projects_Get";
    static final String ENVIRONMENTS_LIST = "Environments_List";
    static final String ENVIRONMENTS_GET = "Environments_Get";
    static final String ENVIRONMENTS_ADD = "Environments_Add";
    static final String VMRESOURCE_LIST = "Vmresource_List";
    static final String VMRESOURCE_GET = "Vmresource_Get";
    static final String VMRESOURCE_ADD = "Vmresource_Add";
    static final String VMRESOURCE_REPLACE = "Vmresource_Replace";
    static final String VMRESOURCE_UPDATE = "Vmresource_Update";
    static final String VMRESOURCE_DELETE = "Vmresource_Delete";
    static final String POOL_GET = "Pool_Get";
    static final String AGENTS_LIST = "Agents_List";
    static final String AGENTS_GET = "Agents_Get";
    static final String AGENTS_UPDATE = "Agents_Update";
    static final String AGENTS_DELETE = "Agents_Delete";
    static final String SESSIONS_CREATE = "Sessions_Create";
    static final String SESSIONS_DELETE = "Sessions_Delete";
    /** The agent's OAuth token endpoint (its authorizationUrl); anonymous, the client assertion is the credential. */
    static final String OAUTH_TOKEN = "OAuth_Token";
    /** A path no route matches; logged so a client's wrong URL shows up in the call log. */
    static final String UNKNOWN = "Unknown";

    static final Set<String> ALL = Set.of(CONNECTION_DATA, RESOURCE_LOCATIONS, RESOURCE_AREAS_LIST, RESOURCE_AREAS_GET, PROJECTS_LIST, PROJECTS_GET, ENVIRONMENTS_LIST,
            ENVIRONMENTS_GET, ENVIRONMENTS_ADD, VMRESOURCE_LIST, VMRESOURCE_GET, VMRESOURCE_ADD, VMRESOURCE_REPLACE,
            VMRESOURCE_UPDATE, VMRESOURCE_DELETE, POOL_GET, AGENTS_LIST, AGENTS_GET, AGENTS_UPDATE, AGENTS_DELETE,
            SESSIONS_CREATE, SESSIONS_DELETE, OAUTH_TOKEN);

    private Operations() {
    }

    static void requireKnown(String operation) {
        if (!ALL.contains(operation)) {
            throw new IllegalArgumentException(
                    "unknown operation '" + operation + "'; the simulator serves " + new TreeSet<>(ALL));
        }
    }
}
