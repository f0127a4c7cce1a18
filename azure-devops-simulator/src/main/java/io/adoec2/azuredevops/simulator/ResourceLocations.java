package io.adoec2.azuredevops.simulator;

import java.util.List;
import java.util.Optional;

/**
 * The resource locations and resource areas the simulator serves, as {@code OPTIONS {org}/_apis/},
 * {@code _apis/ResourceAreas} and connectionData's service definitions describe them. Clients (the .NET
 * VssHttpClientBase the agent uses, and azure-devops-python-api's {@code Client._create_request_message})
 * never build URLs themselves: they look a location up by its id and expand its route template, and
 * negotiate the api-version from minVersion/maxVersion/releasedVersion/resourceVersion.
 *
 * <p>Where each value comes from:
 * <ul>
 * <li>Location ids of Location, core and distributedtask: microsoft/azure-devops-python-api at commit
 * c4d7b7a6f984d300ad1646a62265c6b467d2b709, {@code azure-devops/azure/devops/v7_1/*}{@code /*_client.py}
 * ({@code location_id=} of get_connection_data, get_resource_areas, get_projects, get_agents,
 * get_environments) and {@code resource_area_identifier}; the agent-sessions id and the distributedtask
 * route shapes from the open copy of TaskResourceIds in actions/runner ({@code src/Sdk/DTWebApi}).</li>
 * <li>The environments area ({@code _apis/pipelines/...}): EnvironmentResourceIds (area 0a833654...,
 * environments d86b72de..., vmresource 20cb45c7..., pool d28f3dfe...) and its route registrations, read
 * from a decompiled Azure DevOps Server 2022 (repository mjwrona/decompiled, commit 9a416c71),
 * the only public source found for them.</li>
 * <li>Versions: the REST spec in the test resources (7.1 released; the environments area and
 * connectionData/ResourceAreas documented only as preview). A preview-only location reports
 * releasedVersion "0.0", as the service does for a resource never released.</li>
 * </ul>
 * Ids are lower case: the Python SDK compares them as strings ({@code location.id == location_id}).
 */
final class ResourceLocations {

    /** The hosted service's instance type (ServiceInstanceTypes.TFS); the agent reads it as "hosted". */
    static final String HOSTED_SERVICE_OWNER = "00025394-6065-48ca-87d9-7f5672854ef7";
    static final String MIN_VERSION = "1.0";
    static final String MAX_VERSION = "7.2";
    private static final String RELEASED = "7.1";
    private static final String NEVER_RELEASED = "0.0";

    record ResourceArea(String id, String name) {
    }

    /** One ApiResourceLocation; route templates are relative to the organization URL. */
    record Location(String id, String area, String resourceName, String routeTemplate, int resourceVersion,
            String releasedVersion) {
    }

    static final ResourceArea CORE = new ResourceArea("79134c72-4a58-4b42-976c-04e7115f32bf", "core");
    static final ResourceArea DISTRIBUTED_TASK = new ResourceArea("a85b8835-c1a1-4aac-ae97-1c3d0ba72dbd",
            "distributedtask");
    static final ResourceArea ENVIRONMENTS = new ResourceArea("0a833654-df2a-437e-8253-fe6b63b82035",
            "environments");
    static final List<ResourceArea> AREAS = List.of(CORE, DISTRIBUTED_TASK, ENVIRONMENTS);

    static final Location CONNECTION_DATA = new Location("00d9565f-ed9c-4a06-9a50-00e7896ccab4", "Location",
            "ConnectionData", "_apis/{resource}", 1, NEVER_RELEASED);
    static final Location RESOURCE_AREAS = new Location("e81700f7-3be2-46de-8624-2eb35882fcaa", "Location",
            "ResourceAreas", "_apis/{resource}/{areaId}", 1, NEVER_RELEASED);
    static final Location PROJECTS = new Location("603fe2ac-9723-48b9-88ad-09305aa6c6e1", "core", "projects",
            "_apis/projects/{*projectId}", 4, RELEASED);
    static final Location AGENTS = new Location("e298ef32-5878-4cab-993c-043836571f42", "distributedtask",
            "agents", "_apis/{area}/pools/{poolId}/{resource}/{agentId}", 1, RELEASED);
    static final Location AGENT_SESSIONS = new Location("134e239e-2df3-4794-a6f6-24f1f19ec8dc", "distributedtask",
            "sessions", "_apis/{area}/pools/{poolId}/{resource}/{sessionId}", 1, RELEASED);
    static final Location TASK_ENVIRONMENTS = new Location("8572b1fc-2482-47fa-8f74-7e3ed53ee54b",
            "distributedtask", "environments", "{project}/_apis/{area}/{resource}/{environmentId}", 1, RELEASED);
    static final Location ENVIRONMENTS_LOCATION = new Location("d86b72de-d240-4d6f-8d06-08c2d66b015d",
            "environments", "environments", "{project}/_apis/pipelines/{resource}/{environmentId}", 1,
            NEVER_RELEASED);
    static final Location VM_RESOURCES = new Location("20cb45c7-bd6c-401e-b7e0-a634beda2683", "environments",
            "vmresource", "{project}/_apis/pipelines/environments/{environmentId}/providers/virtualmachines/"
                    + "{resourceId}", 1, NEVER_RELEASED);
    static final Location ENVIRONMENT_POOL = new Location("d28f3dfe-5bb8-4b06-8420-0452882a4957", "environments",
            "pool", "{project}/_apis/pipelines/environments/{environmentId}/providers/virtualmachines/pool", 1,
            NEVER_RELEASED);

    static final List<Location> ALL = List.of(CONNECTION_DATA, RESOURCE_AREAS, PROJECTS, AGENTS, AGENT_SESSIONS,
            TASK_ENVIRONMENTS, ENVIRONMENTS_LOCATION, VM_RESOURCES, ENVIRONMENT_POOL);

    private ResourceLocations() {
    }

    static Optional<ResourceArea> area(String id) {
        return AREAS.stream().filter(area -> area.id().equalsIgnoreCase(id.strip())).findFirst();
    }
}
