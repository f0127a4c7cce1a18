package io.adoec2.azuredevops;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.json.JsonTree;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link AzureDevOps} over the Azure DevOps REST API, for one organization. Thread-safe; one
 * instance per organization is meant to live as long as the process (it pools connections and
 * paces requests for the identity behind the token).
 */
public final class AzureDevOpsRestClient implements AzureDevOps, AutoCloseable {
    private final String organizationUrl;
    private final ApiTransport transport;

    /**
     * @param organizationUrl for example {@code https://dev.azure.com/acme}
     *                        (or {@code https://acme.visualstudio.com})
     */
    public AzureDevOpsRestClient(URI organizationUrl, TokenSource tokens, RestClientSettings settings) {
        this.organizationUrl = checkedOrganizationUrl(organizationUrl);
        this.transport = new ApiTransport(Objects.requireNonNull(tokens, "tokens"),
                Objects.requireNonNull(settings, "settings"));
    }

    public AzureDevOpsRestClient(URI organizationUrl, TokenSource tokens) {
        this(organizationUrl, tokens, RestClientSettings.defaults());
    }

    /** Requests sent so far per operation (the spec's operationId), retries included. */
    public Map<String, Long> callsByOperation() {
        return transport.callsByOperation();
    }

    @Override
    public ProjectRef project(String nameOrId) {
        requireText("project name or id", nameOrId);
        Operation operation = Operation.PROJECTS_GET;
        requireUsableProject(operation, nameOrId);
        ApiUrl url = ApiUrl.under(organizationUrl).route("_apis/projects").segment(nameOrId);
        return AdoJson.project(operation, get(operation, url).json());
    }

    /**
     * Environments_List under the project's name (or id) in the path, as the agent's own
     * registration does: the {project} segment takes either, so no Projects_Get (and no project
     * scope) is needed; the project's id comes from the environment's {@code project} reference,
     * and only an answer without one costs a Projects_Get.
     */
    @Override
    public ProjectEnvironment environment(String projectNameOrId, String environmentName) {
        requireText("project name or id", projectNameOrId);
        requireText("environment name", environmentName);
        Operation operation = Operation.ENVIRONMENTS_LIST;
        requireUsableProject(operation, projectNameOrId);
        Optional<String> continuation = Optional.empty();
        do {
            // The name filter may match more than the exact name, so the exact match is picked here.
            ApiUrl url = projectUrl(projectNameOrId).route("_apis/distributedtask/environments")
                    .query("name", environmentName);
            continuation.ifPresent(token -> url.query("continuationToken", token));
            ApiResponse response = get(operation, url);
            for (JsonNode item : AdoJson.values(operation, response.json())) {
                if (item.path("name").asText("").equalsIgnoreCase(environmentName)) {
                    ProjectRef project = AdoJson.environmentProject(operation, item)
                            .orElseGet(() -> project(projectNameOrId));
                    return new ProjectEnvironment(project, AdoJson.environment(operation, project.id(), item));
                }
            }
            continuation = response.continuationToken();
        } while (continuation.isPresent());
        throw new NotFoundException(operation.id(), operation.id() + ": no environment named '" + environmentName
                + "' in project '" + projectNameOrId + "'");
    }

    /** A project name Azure DevOps could never hold, or one it refuses in a URL path, fails here, before a call. */
    private static void requireUsableProject(Operation operation, String nameOrId) {
        if (ProjectNames.isId(nameOrId)) {
            return;
        }
        Optional<String> invalid = ProjectNames.invalidBecause(nameOrId);
        if (invalid.isPresent()) {
            throw new NotFoundException(operation.id(), operation.id() + ": there is no project named '"
                    + nameOrId + "': " + invalid.get());
        }
        if (!ApiUrl.isSafeSegment(nameOrId)) {
            throw new AzureDevOpsException(operation.id(), 0, operation.id() + ": the project name '" + nameOrId
                    + "' holds '%' or '&', which Azure DevOps refuses in a URL path; name the project by its id");
        }
    }

    @Override
    public Page<VmResource> listVmResources(EnvironmentRef environment, VmResourceQuery query) {
        Operation operation = Operation.VMRESOURCE_LIST;
        ApiUrl url = vmResourcesUrl(environment);
        query.name().ifPresent(name -> url.query("name", name));
        if (!query.tags().isEmpty()) {
            url.query("tags", String.join(",", query.tags()));
        }
        query.top().ifPresent(top -> url.query("$top", Integer.toString(top)));
        query.continuationToken().ifPresent(token -> url.query("continuationToken", token));
        ApiResponse response = get(operation, url);
        List<VmResource> items = new ArrayList<>();
        for (JsonNode item : AdoJson.values(operation, response.json())) {
            VmResource resource = AdoJson.vmResource(operation, item);
            if (query.name().isEmpty() || resource.name().equalsIgnoreCase(query.name().get())) {
                items.add(resource);
            }
        }
        return new Page<>(items, response.continuationToken());
    }

    @Override
    public Optional<VmResource> vmResource(EnvironmentRef environment, int resourceId) {
        Operation operation = Operation.VMRESOURCE_GET;
        try {
            ApiResponse response = get(operation, vmResourcesUrl(environment).segment(resourceId));
            return Optional.of(AdoJson.vmResource(operation, response.json()));
        } catch (NotFoundException gone) {
            return Optional.empty();
        }
    }

    @Override
    public boolean deleteVmResource(EnvironmentRef environment, int resourceId) {
        // A retried DELETE whose first attempt went through also lands here as 404: gone either way.
        return deleted(ApiCall.of(Operation.VMRESOURCE_DELETE, vmResourcesUrl(environment).segment(resourceId)));
    }

    @Override
    public int deploymentPoolId(EnvironmentRef environment) {
        Operation operation = Operation.POOL_GET;
        return AdoJson.poolId(operation, get(operation, vmResourcesUrl(environment).route("pool")).json());
    }

    @Override
    public List<Agent> agents(int poolId) {
        Operation operation = Operation.AGENTS_LIST;
        try {
            ApiUrl url = agentsUrl(poolId).query("includeAssignedRequest", "true");
            List<Agent> agents = new ArrayList<>();
            for (JsonNode item : AdoJson.values(operation, get(operation, url).json())) {
                agents.add(AdoJson.agent(operation, item));
            }
            return agents;
        } catch (NotFoundException gone) {
            return List.of();
        }
    }

    @Override
    public List<Agent> agentsNamed(int poolId, String agentName) {
        requireText("agent name", agentName);
        Operation operation = Operation.AGENTS_LIST;
        ApiUrl url = agentsUrl(poolId).query("agentName", agentName).query("includeAssignedRequest", "true");
        List<Agent> agents = new ArrayList<>();
        for (JsonNode item : AdoJson.values(operation, get(operation, url).json())) {
            Agent agent = AdoJson.agent(operation, item);
            if (agent.name().equalsIgnoreCase(agentName)) {
                agents.add(agent);
            }
        }
        return agents;
    }

    @Override
    public Agent setAgentEnabled(int poolId, int agentId, boolean enabled) {
        Operation operation = Operation.AGENTS_UPDATE;
        String body = JsonTree.write(JsonTree.object().put("id", agentId).put("enabled", enabled));
        ApiResponse response = transport.send(ApiCall.withBody(operation, agentsUrl(poolId).segment(agentId), body));
        return AdoJson.agent(operation, response.json());
    }

    @Override
    public boolean deleteAgent(int poolId, int agentId) {
        return deleted(ApiCall.of(Operation.AGENTS_DELETE, agentsUrl(poolId).segment(agentId)));
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "AzureDevOpsRestClient[" + organizationUrl + "]";
    }

    private ApiResponse get(Operation operation, ApiUrl url) {
        return transport.send(ApiCall.of(operation, url));
    }

    private boolean deleted(ApiCall call) {
        try {
            transport.send(call);
            return true;
        } catch (NotFoundException alreadyGone) {
            return false;
        }
    }

    private ApiUrl projectUrl(String projectId) {
        return ApiUrl.under(organizationUrl).segment(projectId);
    }

    private ApiUrl vmResourcesUrl(EnvironmentRef environment) {
        return projectUrl(environment.projectId()).route("_apis/pipelines/environments").segment(environment.id())
                .route("providers/virtualmachines");
    }

    private ApiUrl agentsUrl(int poolId) {
        return ApiUrl.under(organizationUrl).route("_apis/distributedtask/pools").segment(poolId).route("agents");
    }

    private static String checkedOrganizationUrl(URI url) {
        Objects.requireNonNull(url, "organizationUrl");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("the organization URL must be an http(s) URL with a host, like "
                    + "https://dev.azure.com/acme; was " + url);
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the organization URL must not carry a query, fragment or user "
                    + "info, like https://dev.azure.com/acme; was " + url.getScheme() + "://" + url.getHost()
                    + url.getRawPath());
        }
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static void requireText(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + what + " must not be blank");
        }
    }
}
