package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Environments_List, Environments_Get and Environments_Add under both routes: {@code _apis/pipelines}
 * (documented only as 7.2-preview, so preview-only) and {@code _apis/distributedtask} (released in 7.1).
 */
final class EnvironmentsApi {

    /** The spec gives no default page size for environments; 50 makes a client that ignores paging fail early. */
    private static final int DEFAULT_TOP = 50;

    private EnvironmentsApi() {
    }

    static void register(Router router) {
        for (String area : List.of("pipelines", "distributedtask")) {
            boolean previewOnly = area.equals("pipelines");
            String base = "{organization}/{project}/_apis/" + area + "/environments";
            router.add("GET", base, Operations.ENVIRONMENTS_LIST, previewOnly, EnvironmentsApi::list)
                    .add("POST", base, Operations.ENVIRONMENTS_ADD, previewOnly, EnvironmentsApi::add)
                    .add("GET", base + "/{environmentId}", Operations.ENVIRONMENTS_GET, previewOnly,
                            EnvironmentsApi::get);
        }
    }

    /** The name filter is an exact match ignoring case, as the agent's lookup by --environmentname relies on. */
    private static Response list(Context context) {
        ProjectState project = context.project();
        String name = context.request().query("name").orElse(null);
        List<EnvironmentState> matching = project.environments.values().stream()
                .filter(environment -> name == null || environment.name.equalsIgnoreCase(name.strip()))
                .toList();
        Paging.Page<EnvironmentState> page = Paging.page(matching, environment -> environment.id,
                context.request(), DEFAULT_TOP);
        return Paging.respond(new Paging.Page<>(
                page.items().stream().map(environment -> JsonViews.environment(environment, false)).toList(),
                page.continuationToken()));
    }

    private static Response get(Context context) {
        EnvironmentState environment = context.environment();
        String expands = context.request().query("expands").orElse("none");
        boolean withResources = switch (Names.key(expands.strip())) {
            case "none", "" -> false;
            case "resourcereferences" -> true;
            default -> throw AdoException.system(400, "ArgumentException",
                    "The value '" + expands + "' is not valid for expands: use none or resourceReferences.");
        };
        return Response.json(JsonViews.environment(environment, withResources));
    }

    private static Response add(Context context) {
        ProjectState project = context.project();
        JsonNode body = Json.readObject(context.request().body(), "environmentCreateParameter");
        String name = body.path("name").isTextual() ? body.get("name").asText() : null;
        String description = body.path("description").isTextual() ? body.get("description").asText() : "";
        EnvironmentState environment = project.addEnvironment(name, description, context.identity());
        return Response.json(JsonViews.environment(environment, false));
    }
}
