package io.adoec2.azuredevops.simulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps a method and decoded path segments to an operation. Literal segments match ignoring case. */
final class Router {

    interface Handler {
        Response handle(Context context);
    }

    record Route(String method, List<String> pattern, String operation, boolean previewOnly, Handler handler) {
    }

    record Match(Route route, Map<String, String> parameters) {
    }

    private final List<Route> routes = new ArrayList<>();

    /** {@code template} like "{organization}/_apis/projects/{projectId}"; braces capture a segment. */
    Router add(String method, String template, String operation, boolean previewOnly, Handler handler) {
        routes.add(new Route(method, List.of(template.split("/")), operation, previewOnly, handler));
        return this;
    }

    /** The route for this request, or the 404/405 ASP.NET would answer. */
    Match match(String method, List<String> segments) {
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = bind(route.pattern(), segments);
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match(route, parameters.get());
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw AdoException.httpException(405, "The requested resource does not support http method '" + method
                    + "'.");
        }
        throw AdoException.httpException(404, "The controller for path '/" + String.join("/", segments)
                + "' was not found or does not implement IController.");
    }

    private static Optional<Map<String, String>> bind(List<String> pattern, List<String> segments) {
        if (pattern.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{")) {
                parameters.put(expected.substring(1, expected.length() - 1), segments.get(i));
            } else if (!expected.equalsIgnoreCase(segments.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
