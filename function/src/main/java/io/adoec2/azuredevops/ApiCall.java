package io.adoec2.azuredevops;

import java.net.URI;
import java.util.Optional;

/** One logical call: the operation, its full URL and an optional JSON body. */
record ApiCall(Operation operation, URI uri, Optional<String> jsonBody) {
    static ApiCall of(Operation operation, ApiUrl url) {
        return new ApiCall(operation, url.build(operation.apiVersion()), Optional.empty());
    }

    static ApiCall withBody(Operation operation, ApiUrl url, String jsonBody) {
        return new ApiCall(operation, url.build(operation.apiVersion()), Optional.of(jsonBody));
    }
}
