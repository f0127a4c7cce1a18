package io.adoec2.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.adoec2.localaws.MotoServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Auto Scaling's lifecycle-action API, which moto does not implement: an endpoint on 127.0.0.1
 * that checks every CompleteLifecycleAction and RecordLifecycleActionHeartbeat request against
 * the Auto Scaling API model (botocore's service-2.json, installed with awscli), answers as
 * Auto Scaling does for an action it holds or not, and records each one. Every other action
 * goes on to moto.
 */
public final class AutoScalingEndpoint {
    private static final Set<String> OURS = Set.of("CompleteLifecycleAction", "RecordLifecycleActionHeartbeat");
    private static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    private static AutoScalingEndpoint shared;

    /** A request as Auto Scaling received it, after it passed the model's checks. */
    public record Request(String action, Map<String, String> parameters) {}

    private final HttpServer server;
    private final JsonNode model;
    private final URI moto;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> heldTokens = ConcurrentHashMap.newKeySet();
    private final List<Request> received = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());

    private AutoScalingEndpoint(URI moto) throws IOException {
        this.moto = moto;
        this.model = loadModel();
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    public static synchronized AutoScalingEndpoint shared() {
        if (shared == null) {
            try {
                shared = new AutoScalingEndpoint(MotoServer.shared().endpoint());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Auto Scaling now holds an instance in a lifecycle action with this token. */
    public void holds(String token) {
        heldTokens.add(token);
    }

    public boolean stillHolds(String token) {
        return heldTokens.contains(token);
    }

    /** The lifecycle-action requests for one action token, in order. */
    public List<Request> requestsFor(String token) {
        synchronized (received) {
            return received.stream().filter(r -> token.equals(r.parameters().get("LifecycleActionToken"))).toList();
        }
    }

    /** Requests that broke the API model; a test that sees any has found a bug in our adapter. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, String> form = form(new String(body, StandardCharsets.UTF_8));
        String action = form.getOrDefault("Action", "");
        if (!OURS.contains(action)) {
            forwardToMoto(exchange, body);
            return;
        }
        List<String> problems = check(action, form);
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            answer(exchange, 400, error("ValidationError", String.join("; ", problems)));
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>(form);
        parameters.remove("Action");
        parameters.remove("Version");
        received.add(new Request(action, parameters));
        String token = form.get("LifecycleActionToken");
        if (token == null || !heldTokens.contains(token)) {
            answer(exchange, 400, error("ValidationError", "No active Lifecycle Action found with token " + token));
            return;
        }
        if (action.equals("CompleteLifecycleAction")) {
            heldTokens.remove(token);
        }
        answer(exchange, 200, "<" + action + "Response xmlns=\"" + NAMESPACE + "\"><" + action + "Result/>"
                + "<ResponseMetadata><RequestId>" + UUID.randomUUID() + "</RequestId></ResponseMetadata></"
                + action + "Response>");
    }

    /** Required members present, no member the model does not know, lengths, patterns and enums as modelled. */
    private List<String> check(String action, Map<String, String> form) {
        List<String> problems = new ArrayList<>();
        if (!model.path("metadata").path("apiVersion").asText().equals(form.get("Version"))) {
            problems.add(action + ": Version " + form.get("Version") + " is not the model's");
        }
        JsonNode input = model.path("shapes").path(model.path("operations").path(action).path("input").path("shape").asText());
        for (JsonNode required : input.path("required")) {
            if (!form.containsKey(required.asText())) {
                problems.add(action + ": required member " + required.asText() + " is missing");
            }
        }
        form.forEach((name, value) -> {
            if (name.equals("Action") || name.equals("Version")) {
                return;
            }
            JsonNode member = input.path("members").path(name);
            if (member.isMissingNode()) {
                problems.add(action + ": " + name + " is not a member of " + action);
                return;
            }
            JsonNode shape = model.path("shapes").path(member.path("shape").asText());
            int length = value.codePointCount(0, value.length());
            if (shape.has("min") && length < shape.get("min").asInt()
                    || shape.has("max") && length > shape.get("max").asInt()) {
                problems.add(action + ": " + name + " has length " + length + ", outside "
                        + shape.path("min").asInt() + ".." + shape.path("max").asInt());
            }
            if (shape.has("pattern") && !Pattern.compile(shape.get("pattern").asText()).matcher(value).matches()) {
                problems.add(action + ": " + name + " does not match " + shape.get("pattern").asText());
            }
            if (name.equals("LifecycleActionResult") && !value.equals("CONTINUE") && !value.equals("ABANDON")) {
                problems.add(action + ": LifecycleActionResult must be CONTINUE or ABANDON, not " + value);
            }
        });
        return problems;
    }

    private void forwardToMoto(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (Stream.of("authorization", "content-type", "x-amz-date").anyMatch(name::equalsIgnoreCase)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(503, -1);
        } finally {
            exchange.close();
        }
    }

    private static String error(String code, String message) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\"><Error><Type>Sender</Type><Code>" + code
                + "</Code><Message>" + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>"
                + "<RequestId>" + UUID.randomUUID() + "</RequestId></ErrorResponse>";
    }

    private static void answer(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    private static JsonNode loadModel() throws IOException {
        Path venv = Path.of(System.getProperty("tools.dir", ".tools"), "venv", "lib");
        try (Stream<Path> files = Files.walk(venv)) {
            Path model = files.filter(p -> p.endsWith(Path.of("botocore", "data", "autoscaling", "2011-01-01",
                    "service-2.json.gz"))).findFirst().orElseThrow(() -> new IllegalStateException(
                    "botocore's Auto Scaling model is not under " + venv + "; run tools/install-python-tools.sh"));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(model))) {
                return new ObjectMapper().readTree(in);
            }
        }
    }
}
