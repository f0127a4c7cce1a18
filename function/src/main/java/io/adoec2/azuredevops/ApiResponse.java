package io.adoec2.azuredevops;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** A successful answer to an {@link ApiCall}. */
record ApiResponse(Operation operation, int status, HttpHeaders headers, String body) {

    JsonNode json() {
        return AdoJson.parse(operation, status, body);
    }

    /** The next page's token; Azure DevOps sends it as a header, not in the body. */
    Optional<String> continuationToken() {
        return headers.firstValue("x-ms-continuationtoken").filter(token -> !token.isBlank());
    }
}
