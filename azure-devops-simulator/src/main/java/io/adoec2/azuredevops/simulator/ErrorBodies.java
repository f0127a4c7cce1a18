package io.adoec2.azuredevops.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Azure DevOps' JSON error body, field for field and in its order. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    static Response of(AdoException error) {
        ObjectNode body = Json.object();
        body.put("$id", "1");
        body.putNull("innerException");
        body.put("message", error.getMessage());
        body.put("typeName", error.typeName());
        body.put("typeKey", error.typeKey());
        body.put("errorCode", 0);
        body.put("eventId", error.eventId());
        return Response.json(error.status(), body);
    }
}
