package io.adoec2.azuredevops.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every request takes the same way: parse, route, authenticate, rate-limit, inject faults, check the
 * api-version, run the handler under the world lock, answer, and log the call. Each step that refuses
 * answers the way Azure DevOps does at that point.
 */
final class Front implements HttpHandler {

    private final World world;
    private final CallLog calls;
    private final Faults faults;
    private final RateLimiter rateLimiter;
    private final Pause pause;
    private final Router router = new Router();

    Front(World world, CallLog calls, Faults faults, RateLimiter rateLimiter, Pause pause) {
        this.world = world;
        this.calls = calls;
        this.faults = faults;
        this.rateLimiter = rateLimiter;
        this.pause = pause;
        LocationApi.register(router);
        ProjectsApi.register(router);
        EnvironmentsApi.register(router);
        VmResourcesApi.register(router);
        AgentsApi.register(router);
        SessionsApi.register(router);
        router.add("POST", OAuthTokenEndpoint.ROUTE, Operations.OAUTH_TOKEN, false, context -> {
            throw new IllegalStateException("the token endpoint is served before authentication");
        });
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Attempt attempt = new Attempt();
        Optional<Response> response;
        try {
            response = serve(exchange, attempt);
        } catch (RuntimeException bug) {
            response = Optional.of(ErrorBodies.of(AdoException.webApi(500, "VssServiceException",
                    "Simulator failure: " + bug)));
        }
        // Logged before answering, so a caller that has its response always finds its call in the log.
        calls.record(new Call(attempt.identity, exchange.getRequestMethod(), attempt.operation,
                exchange.getRequestURI().getRawPath(), response.map(Response::status).orElse(0)));
        if (response.isPresent()) {
            send(exchange, response.get());
        } else {
            exchange.close();
        }
    }

    /** What was learnt about the request so far, for the call log. */
    private static final class Attempt {
        String identity = "anonymous";
        String operation = Operations.UNKNOWN;
    }

    /** The response, or empty to drop the connection. */
    private Optional<Response> serve(HttpExchange exchange, Attempt attempt) throws IOException {
        Request request;
        try {
            request = read(exchange);
        } catch (AdoException e) {
            return Optional.of(ErrorBodies.of(e));
        }
        Router.Match match;
        try {
            match = router.match(request.method(), request.segments());
            attempt.operation = match.route().operation();
        } catch (AdoException unrouted) {
            return Optional.of(authenticated(request, attempt).map(identity -> ErrorBodies.of(unrouted))
                    .orElseGet(() -> Authenticator.challenge(request)));
        }
        if (attempt.operation.equals(Operations.OAUTH_TOKEN)) {
            // The client assertion is the credential: no Authorization header, no api-version.
            return Optional.of(world.locked(() -> world.findOrganization(request.segments().get(0))
                    .map(organization -> OAuthTokenEndpoint.exchange(request, organization,
                            organizationUrl(request)))
                    .orElseGet(() -> ErrorBodies.of(AdoException.httpException(404, "No such organization.")))));
        }
        Optional<Caller> caller = authenticated(request, attempt);
        if (caller.isEmpty() || !Scopes.allow(attempt.operation, caller.get().scopes())) {
            return Optional.of(Authenticator.challenge(request));
        }
        Identity identity = caller.get().identity();
        RateLimiter.Verdict verdict = rateLimiter.admit(identity.id());
        if (!verdict.allowed()) {
            return Optional.of(withHeaders(blocked(verdict.retryAfterSeconds()), verdict.headers()));
        }
        // The delay phase: the request is answered, only later (in simulated time where the caller runs on one).
        pause(verdict.delay());
        Faults.Outcome outcome = faults.decide(attempt.operation);
        pause(outcome.latency());
        if (outcome instanceof Faults.Drop) {
            return Optional.empty();
        }
        Response response;
        if (outcome instanceof Faults.Fail fail) {
            response = ErrorBodies.of(injected(fail.status()));
        } else if (outcome instanceof Faults.Throttle throttle) {
            response = blocked((throttle.retryAfter().toMillis() + 999) / 1000);
        } else {
            response = run(match, request, identity);
        }
        return Optional.of(withHeaders(response, verdict.headers()));
    }

    private Response run(Router.Match match, Request request, Identity identity) {
        try {
            ApiVersions.check(request, match.route().previewOnly());
            String organizationUrl = organizationUrl(request);
            return world.locked(() -> {
                OrgState organization = world.findOrganization(request.segments().get(0)).orElseThrow();
                return match.route().handler().handle(new Context(request, match.parameters(), organization,
                        identity, organizationUrl));
            });
        } catch (AdoException e) {
            return ErrorBodies.of(e);
        }
    }

    private static String organizationUrl(Request request) {
        return "http://" + request.header("Host").orElse("127.0.0.1") + "/"
                + PathSegments.encode(request.segments().get(0));
    }

    private Optional<Caller> authenticated(Request request, Attempt attempt) {
        if (request.segments().isEmpty()) {
            return Optional.empty();
        }
        Optional<Caller> caller = world.locked(() -> Authenticator.identify(
                world.findOrganization(request.segments().get(0)), request));
        caller.ifPresent(found -> attempt.identity = found.identity().displayName());
        return caller;
    }

    /** A request refused for exceeding the caller's budget, as Azure DevOps words it. */
    private static Response blocked(long retryAfterSeconds) {
        return ErrorBodies.of(AdoException.framework(429, "RequestBlockedException",
                        "TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource"
                                + " 'Core' in namespace 'Simulator'."))
                .withHeader("Retry-After", Long.toString(retryAfterSeconds));
    }

    /** What an injected failure looks like: the service's generic error for a 5xx, a plain refusal otherwise. */
    private static AdoException injected(int status) {
        if (status >= 500) {
            return AdoException.webApi(status, "VssServiceException",
                    "TF400898: An Internal Error Occurred. Activity Id: 00000000-0000-0000-0000-000000000000.");
        }
        return AdoException.webApi(status, "VssServiceException", "The request failed (fault injected, " + status
                + ").");
    }

    private static Request read(HttpExchange exchange) throws IOException {
        List<String> segments = PathSegments.parse(exchange.getRequestURI().getRawPath());
        Map<String, String> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), segments, query,
                exchange.getRequestHeaders(), body);
    }

    /** Adds the rate limiter's headers; one the response names already (an injected 429's Retry-After) is kept. */
    private static Response withHeaders(Response response, List<Map.Entry<String, String>> headers) {
        Response result = response;
        for (Map.Entry<String, String> header : headers) {
            boolean named = response.headers().stream().anyMatch(own -> own.getKey().equalsIgnoreCase(header.getKey()));
            if (!named) {
                result = result.withHeader(header.getKey(), header.getValue());
            }
        }
        return result;
    }

    private void pause(Duration latency) {
        if (latency.isZero()) {
            return;
        }
        try {
            pause.pass(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        for (Map.Entry<String, String> header : response.headers()) {
            exchange.getResponseHeaders().add(header.getKey(), header.getValue());
        }
        if (response.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        boolean noBody = body.length == 0 || response.status() == 204 || exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }
}
