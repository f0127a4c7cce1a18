package io.adoec2.azuredevops.simulator;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One parsed HTTP request; the path already split into decoded segments. */
record Request(String method, String rawPath, List<String> segments, Map<String, String> query, Headers headers,
        byte[] body) {

    Optional<String> query(String name) {
        return Optional.ofNullable(query.get(Names.key(name)));
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }

    /** A boolean query flag as ASP.NET binds it: "true"/"false" in any case; anything else is a 400. */
    boolean flag(String name) {
        return query(name).map(value -> switch (Names.key(value)) {
            case "true" -> true;
            case "false", "" -> false;
            default -> throw AdoException.system(400, "ArgumentException",
                    "The value '" + value + "' is not valid for " + name + ".");
        }).orElse(false);
    }

    /** An int32 query parameter; anything else is a 400 naming it. */
    Optional<Integer> intQuery(String name) {
        return query(name).map(value -> {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw AdoException.system(400, "ArgumentException",
                        "The value '" + value + "' is not valid for " + name + ".");
            }
        });
    }
}
