package io.adoec2.azuredevops.simulator;

/**
 * One request the simulator answered.
 *
 * @param identity  display name of the authenticated caller, or "anonymous"
 * @param operation the spec's operationId (e.g. Vmresource_List), or "Unknown" for an unrouted path
 * @param path      the raw request path, without the query
 * @param status    the HTTP status sent; 0 when the connection was dropped on purpose
 */
public record Call(String identity, String method, String operation, String path, int status) {
}
