package io.adoec2.azuredevops;

/**
 * The Azure DevOps REST operations the client calls, named by the spec's operationId so call
 * counts line up with the simulator's call log and the REST documentation.
 */
enum Operation {
    PROJECTS_GET("Projects_Get", "GET", "7.1"),
    ENVIRONMENTS_LIST("Environments_List", "GET", "7.1"),
    // The virtualmachines provider only exists in the 7.2 preview of the environments area.
    VMRESOURCE_LIST("Vmresource_List", "GET", "7.2-preview.1"),
    VMRESOURCE_GET("Vmresource_Get", "GET", "7.2-preview.1"),
    VMRESOURCE_DELETE("Vmresource_Delete", "DELETE", "7.2-preview.1"),
    POOL_GET("Pool_Get", "GET", "7.2-preview.1"),
    AGENTS_LIST("Agents_List", "GET", "7.1"),
    AGENTS_UPDATE("Agents_Update", "PATCH", "7.1"),
    AGENTS_DELETE("Agents_Delete", "DELETE", "7.1");

    private final String id;
    private final String method;
    private final String apiVersion;

    Operation(String id, String method, String apiVersion) {
        this.id = id;
        this.method = method;
        this.apiVersion = apiVersion;
    }

    /** The spec's operationId, e.g. {@code Vmresource_Delete}. */
    String id() {
        return id;
    }

    String method() {
        return method;
    }

    String apiVersion() {
        return apiVersion;
    }
}
