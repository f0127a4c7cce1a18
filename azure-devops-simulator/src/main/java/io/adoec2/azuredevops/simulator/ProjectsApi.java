package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;

/** Projects_List and Projects_Get. */
final class ProjectsApi {

    private static final int DEFAULT_TOP = 100;

    private ProjectsApi() {
    }

    static void register(Router router) {
        router.add("GET", "{organization}/_apis/projects", Operations.PROJECTS_LIST, false, ProjectsApi::list)
                .add("GET", "{organization}/_apis/projects/{projectId}", Operations.PROJECTS_GET, false,
                        ProjectsApi::get);
    }

    /** Sorted by name; $skip, or the integer continuationToken ("how many projects already fetched"). */
    private static Response list(Context context) {
        Request request = context.request();
        List<ProjectState> projects = context.organization().projects.values().stream()
                .sorted(Comparator.comparing((ProjectState p) -> Names.key(p.name))).toList();
        int top = request.intQuery("$top").filter(value -> value > 0).orElse(DEFAULT_TOP);
        int skip = request.intQuery("continuationToken").or(() -> request.intQuery("$skip"))
                .filter(value -> value > 0).orElse(0);
        List<ObjectNode> page = projects.stream().skip(skip).limit(top)
                .map(project -> JsonViews.projectReference(project, context.organizationUrl())).toList();
        Response response = Response.json(JsonViews.list(page));
        int fetched = skip + page.size();
        return fetched < projects.size()
                ? response.withHeader(Paging.HEADER, Integer.toString(fetched))
                : response;
    }

    private static Response get(Context context) {
        ProjectState project = context.project(context.parameters().get("projectId"));
        return Response.json(JsonViews.project(project, context.organizationUrl(),
                context.request().flag("includeCapabilities")));
    }
}
