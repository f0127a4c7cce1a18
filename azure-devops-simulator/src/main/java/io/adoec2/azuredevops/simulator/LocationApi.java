package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * The Location service's part of the organization: connectionData, the resource locations
 * ({@code OPTIONS {org}/_apis/}) and the resource areas. Shapes from azure-devops-python-api
 * (commit c4d7b7a6, {@code v7_1/location/models.py}: ConnectionData, LocationServiceData,
 * ServiceDefinition, ResourceAreaInfo; {@code _models.py}: ApiResourceLocation), which is what a
 * client deserializes them into.
 */
final class LocationApi {

    /** ConnectOptions.IncludeServices: connectionData then carries the service definitions. */
    private static final int INCLUDE_SERVICES = 1;
    private static final String ACCESS_MAPPING = "PublicAccessMapping";

    private LocationApi() {
    }

    static void register(Router router) {
        router.add("OPTIONS", "{organization}/_apis", Operations.RESOURCE_LOCATIONS, false,
                        LocationApi::resourceLocations)
                .add("GET", "{organization}/_apis/ResourceAreas", Operations.RESOURCE_AREAS_LIST, true,
                        LocationApi::resourceAreas)
                .add("GET", "{organization}/_apis/ResourceAreas/{areaId}", Operations.RESOURCE_AREAS_GET, true,
                        LocationApi::resourceArea)
                .add("GET", "{organization}/_apis/connectionData", Operations.CONNECTION_DATA, true,
                        LocationApi::connectionData);
    }

    /** A VssJsonCollectionWrapper of ApiResourceLocation, as the SDKs parse it. */
    private static Response resourceLocations(Context context) {
        return Response.json(JsonViews.list(ResourceLocations.ALL.stream().map(LocationApi::location).toList()));
    }

    private static ObjectNode location(ResourceLocations.Location location) {
        ObjectNode node = Json.object();
        node.put("id", location.id());
        node.put("area", location.area());
        node.put("resourceName", location.resourceName());
        node.put("routeTemplate", location.routeTemplate());
        node.put("resourceVersion", location.resourceVersion());
        node.put("minVersion", Double.parseDouble(ResourceLocations.MIN_VERSION));
        node.put("maxVersion", Double.parseDouble(ResourceLocations.MAX_VERSION));
        node.put("releasedVersion", location.releasedVersion());
        return node;
    }

    private static Response resourceAreas(Context context) {
        return Response.json(JsonViews.list(ResourceLocations.AREAS.stream()
                .map(area -> resourceArea(area, context)).toList()));
    }

    private static Response resourceArea(Context context) {
        String id = context.parameters().get("areaId");
        return ResourceLocations.area(id).map(area -> Response.json(resourceArea(area, context)))
                .orElseThrow(() -> AdoException.webApi(404, "ResourceAreaNotFoundException",
                        "The resource area " + id + " was not found."));
    }

    /** ResourceAreaInfo; locationUrl ends with "/" as the service writes it. */
    private static ObjectNode resourceArea(ResourceLocations.ResourceArea area, Context context) {
        ObjectNode node = Json.object();
        node.put("id", area.id());
        node.put("name", area.name());
        node.put("locationUrl", context.organizationUrl() + "/");
        return node;
    }

    private static Response connectionData(Context context) {
        ObjectNode user = Json.object();
        user.put("id", context.identity().id());
        user.put("descriptor", context.identity().descriptor());
        user.put("providerDisplayName", context.identity().displayName());
        user.put("isActive", true);
        ObjectNode body = Json.object();
        body.set("authenticatedUser", user);
        body.set("authorizedUser", user.deepCopy());
        body.put("instanceId", context.organization().id);
        body.put("deploymentId", context.organization().id);
        body.put("deploymentType", "hosted");
        ObjectNode location = body.putObject("locationServiceData");
        location.put("serviceOwner", ResourceLocations.HOSTED_SERVICE_OWNER);
        location.put("defaultAccessMappingMoniker", ACCESS_MAPPING);
        location.put("lastChangeId", 1);
        location.put("lastChangeId64", 1);
        location.put("clientCacheFresh", false);
        location.put("clientCacheTimeToLive", 3600);
        ObjectNode mapping = location.putArray("accessMappings").addObject();
        mapping.put("displayName", "Public Access Mapping");
        mapping.put("moniker", ACCESS_MAPPING);
        mapping.put("accessPoint", context.organizationUrl().substring(0,
                context.organizationUrl().lastIndexOf('/') + 1));
        mapping.put("serviceOwner", ResourceLocations.HOSTED_SERVICE_OWNER);
        mapping.put("virtualDirectory", context.organization().name);
        if ((connectOptions(context.request()) & INCLUDE_SERVICES) != 0) {
            ArrayNode definitions = location.putArray("serviceDefinitions");
            ResourceLocations.ALL.forEach(each -> definitions.add(serviceDefinition(each)));
        }
        return Response.json(body);
    }

    /**
     * ServiceDefinition of a resource location: serviceType is the area, identifier the location id,
     * relativePath the route template. relativeToSetting 0 is "Context" (relative to the organization);
     * that numeric form is assumed, the .NET enum's wire form was not found in public source.
     */
    private static ObjectNode serviceDefinition(ResourceLocations.Location location) {
        ObjectNode node = Json.object();
        node.put("serviceType", location.area());
        node.put("identifier", location.id());
        node.put("displayName", location.resourceName());
        node.put("relativeToSetting", 0);
        node.put("relativePath", location.routeTemplate());
        node.putArray("locationMappings");
        node.put("serviceOwner", ResourceLocations.HOSTED_SERVICE_OWNER);
        node.put("toolId", "Framework");
        node.put("status", 1);
        node.put("resourceVersion", location.resourceVersion());
        node.put("minVersion", ResourceLocations.MIN_VERSION);
        node.put("maxVersion", ResourceLocations.MAX_VERSION);
        node.put("releasedVersion", location.releasedVersion());
        return node;
    }

    /** connectOptions as a number (the .NET client) or as the enum's names (e.g. "IncludeServices"). */
    private static int connectOptions(Request request) {
        String value = request.query("connectOptions").map(String::strip).orElse("0");
        if (value.matches("-?\\d+")) {
            return Integer.parseInt(value);
        }
        int options = 0;
        for (String name : value.split(",")) {
            switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "none", "" -> { }
                case "includeservices" -> options |= INCLUDE_SERVICES;
                case "includelastuseraccess" -> options |= 2;
                case "includeinheriteddefinitionsonly" -> options |= 4;
                case "includenoninheriteddefinitionsonly" -> options |= 8;
                default -> throw AdoException.system(400, "ArgumentException",
                        "The value '" + value + "' is not valid for connectOptions.");
            }
        }
        return options;
    }
}
