package io.adoec2.azuredevops.simulator;

/**
 * A failure Azure DevOps reports with its JSON error body. {@code typeKey} is the server exception's
 * short name, {@code typeName} its assembly-qualified one, both as the real service sends them.
 */
final class AdoException extends RuntimeException {

    /** What the service sends in "eventId" for its own exceptions; ASP.NET's HttpException carries 0. */
    private static final int SERVICE_EVENT_ID = 3000;

    private final int status;
    private final String typeKey;
    private final String typeName;
    private final int eventId;

    private AdoException(int status, String typeName, String typeKey, int eventId, String message) {
        super(message, null, false, false);
        this.status = status;
        this.typeKey = typeKey;
        this.typeName = typeName;
        this.eventId = eventId;
    }

    int status() {
        return status;
    }

    String typeKey() {
        return typeKey;
    }

    String typeName() {
        return typeName;
    }

    int eventId() {
        return eventId;
    }

    private static AdoException of(int status, String namespace, String assembly, String typeKey, String message) {
        return new AdoException(status, namespace + "." + typeKey + ", " + assembly, typeKey, SERVICE_EVENT_ID,
                message);
    }

    static AdoException distributedTask(int status, String typeKey, String message) {
        return of(status, "Microsoft.TeamFoundation.DistributedTask.WebApi",
                "Microsoft.TeamFoundation.DistributedTask.WebApi", typeKey, message);
    }

    static AdoException core(int status, String typeKey, String message) {
        return of(status, "Microsoft.TeamFoundation.Core.WebApi", "Microsoft.TeamFoundation.Core.WebApi", typeKey,
                message);
    }

    /** Exceptions of the REST plumbing itself (versions, request bodies). */
    static AdoException webApi(int status, String typeKey, String message) {
        return of(status, "Microsoft.VisualStudio.Services.WebApi", "Microsoft.VisualStudio.Services.WebApi",
                typeKey, message);
    }

    /** Exceptions of the service framework (throttling). */
    static AdoException framework(int status, String typeKey, String message) {
        return of(status, "Microsoft.TeamFoundation.Framework.Server", "Microsoft.TeamFoundation.Framework.Server",
                typeKey, message);
    }

    static AdoException system(int status, String typeKey, String message) {
        return of(status, "System", "mscorlib", typeKey, message);
    }

    /** What ASP.NET itself answers before any Azure DevOps code runs (bad paths, unknown routes). */
    static AdoException httpException(int status, String message) {
        return new AdoException(status, "System.Web.HttpException, System.Web", "HttpException", 0, message);
    }
}
