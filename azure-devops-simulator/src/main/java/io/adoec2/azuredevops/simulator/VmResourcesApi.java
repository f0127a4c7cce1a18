package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code providers/virtualmachines} operations of an environment, and Pool_Get. All are preview in
 * the spec (7.2-preview.1), under either environments route. Vmresource_Get is not in the 7.2 swagger,
 * but the .NET EnvironmentsHttpClient gets one resource by id on the same location as Delete, so it is
 * served too.
 */
final class VmResourcesApi {

    /** "Number of Virtual Machine Resources to get. Default is 1000." (the spec). */
    private static final int DEFAULT_TOP = 1000;

    private VmResourcesApi() {
    }

    static void register(Router router) {
        for (String area : List.of("pipelines", "distributedtask")) {
            String base = "{organization}/{project}/_apis/" + area
                    + "/environments/{environmentId}/providers/virtualmachines";
            router.add("GET", base, Operations.VMRESOURCE_LIST, true, VmResourcesApi::list)
                    .add("POST", base, Operations.VMRESOURCE_ADD, true, VmResourcesApi::add)
                    .add("PUT", base, Operations.VMRESOURCE_REPLACE, true, VmResourcesApi::replace)
                    .add("PATCH", base, Operations.VMRESOURCE_UPDATE, true, VmResourcesApi::update)
                    .add("GET", base + "/pool", Operations.POOL_GET, true, VmResourcesApi::pool)
                    .add("GET", base + "/{resourceId}", Operations.VMRESOURCE_GET, true, VmResourcesApi::get)
                    .add("DELETE", base + "/{resourceId}", Operations.VMRESOURCE_DELETE, true,
                            VmResourcesApi::delete);
        }
    }

    /** name: exact, ignoring case; tags: comma-separated, a resource must carry all of them (ignoring case). */
    private static Response list(Context context) {
        EnvironmentState environment = context.environment();
        Request request = context.request();
        String name = request.query("name").map(String::strip).filter(value -> !value.isEmpty()).orElse(null);
        List<String> tags = request.query("tags").map(Tags::parse).orElse(List.of());
        List<VmResourceState> candidates = name == null
                ? List.copyOf(environment.resources())
                : environment.resourceNamed(name).stream().toList();
        List<VmResourceState> matching = tags.isEmpty() ? candidates
                : candidates.stream().filter(resource -> Tags.containsAll(resource.tags, tags)).toList();
        Paging.Page<VmResourceState> page = Paging.page(matching, resource -> resource.id, request, DEFAULT_TOP);
        return Paging.respond(new Paging.Page<>(
                page.items().stream().map(resource -> JsonViews.vmResource(resource, environment)).toList(),
                page.continuationToken()));
    }

    private static Response get(Context context) {
        EnvironmentState environment = context.environment();
        VmResourceState resource = environment.resource(context.intParameter("resourceId"));
        return Response.json(JsonViews.vmResource(resource, environment));
    }

    /** The body is VirtualMachineResourceCreateParameters: {"virtualMachineResource": {name, agent, tags}}. */
    private static Response add(Context context) {
        EnvironmentState environment = context.environment();
        JsonNode parameters = Json.readObject(context.request().body(), "createParameters");
        JsonNode resource = parameters.get("virtualMachineResource");
        if (resource == null || !resource.isObject()) {
            throw AdoException.system(400, "ArgumentNullException",
                    "Value cannot be null.\r\nParameter name: createParameters.virtualMachineResource");
        }
        String name = text(resource, "name");
        EnvironmentState.requireName(name);
        AgentSpec agent = agentSpec(resource, name);
        VmResourceState added = environment.addVm(name, tags(resource), agent, context.identity());
        return Response.json(withAuthorization(JsonViews.vmResource(added, environment), added.agent, context));
    }

    /** What the agent's --replace sends: the listed resource with its agent and tags replaced. */
    private static Response replace(Context context) {
        EnvironmentState environment = context.environment();
        JsonNode resource = Json.readObject(context.request().body(), "resource");
        VmResourceState existing = environment.resource(resourceId(resource));
        AgentSpec agent = resource.path("agent").isObject()
                ? agentSpec(resource, existing.name)
                : new AgentSpec(existing.agent.name, existing.agent.version, existing.agent.osDescription,
                        existing.agent.maxParallelism, null);
        VmResourceState replaced = environment.replaceVm(existing.id, tags(resource), agent, context.identity());
        return Response.json(withAuthorization(JsonViews.vmResource(replaced, environment), replaced.agent,
                context));
    }

    /** Changes the tags only (the spec's body is a whole VirtualMachineResource; id and tags are read). */
    private static Response update(Context context) {
        EnvironmentState environment = context.environment();
        JsonNode resource = Json.readObject(context.request().body(), "resource");
        VmResourceState updated = environment.updateTags(resourceId(resource), tags(resource), context.identity());
        return Response.json(JsonViews.vmResource(updated, environment));
    }

    /** 204 with no body, as the service answers a successful DELETE. */
    private static Response delete(Context context) {
        context.environment().deleteVm(context.intParameter("resourceId"),
                context.deletionModel().resourceDeletionRemovesAgent());
        return Response.empty(204);
    }

    /**
     * What the agent reads from the Add/Replace answer to switch from the PAT to OAuth
     * (ConfigurationManager.UpdateCredentialData): clientId and authorizationUrl. Only an agent that
     * sent a public key gets them; without them the real agent would keep the PAT in .credentials.
     */
    private static JsonNode withAuthorization(JsonNode resource, AgentState agent, Context context) {
        if (agent.publicKey != null) {
            com.fasterxml.jackson.databind.node.ObjectNode authorization =
                    ((com.fasterxml.jackson.databind.node.ObjectNode) resource.get("agent")).putObject("authorization");
            authorization.put("clientId", agent.clientId);
            authorization.put("authorizationUrl", OAuthTokenEndpoint.url(context.organizationUrl()));
        }
        return resource;
    }

    private static Response pool(Context context) {
        EnvironmentState environment = context.environment();
        return Response.json(JsonViews.pool(environment.pool, environment.project.id));
    }

    private static int resourceId(JsonNode resource) {
        JsonNode id = resource.get("id");
        if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
            throw AdoException.system(400, "ArgumentException",
                    "The resource's id is missing or not an Int32: " + (id == null ? "absent" : id.toString()));
        }
        return id.intValue();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static List<String> tags(JsonNode resource) {
        JsonNode tags = resource.get("tags");
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw AdoException.system(400, "ArgumentException", "tags must be an array of strings, was " + tags);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw AdoException.system(400, "ArgumentException", "tags must be strings, found " + tag);
            }
            values.add(tag.asText());
        }
        return values;
    }

    /** The TaskAgent the agent sends; its name defaults to the resource's, as the agent sets both alike. */
    private static AgentSpec agentSpec(JsonNode resource, String resourceName) {
        JsonNode agent = resource.get("agent");
        if (agent == null || !agent.isObject()) {
            throw AdoException.system(400, "ArgumentNullException",
                    "Value cannot be null.\r\nParameter name: virtualMachineResource.Agent");
        }
        AgentSpec defaults = AgentSpec.defaultFor(resourceName);
        String name = text(agent, "name");
        String version = text(agent, "version");
        String os = text(agent, "osDescription");
        int maxParallelism = agent.path("maxParallelism").canConvertToInt() ? agent.get("maxParallelism").intValue()
                : 1;
        return new AgentSpec(name == null ? resourceName : name, version == null ? defaults.version() : version,
                os == null ? defaults.osDescription() : os, Math.max(1, maxParallelism),
                AgentKeys.publicKey(agent.path("authorization").path("publicKey")));
    }
}
