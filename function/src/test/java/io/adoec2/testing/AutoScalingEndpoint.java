package io.adoec2.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.adoec2.localaws.MotoServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
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
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Auto Scaling's lifecycle-action API, which moto does not implement: an endpoint on 127.0.0.1
 * that checks every CompleteLifecycleAction and RecordLifecycleActionHeartbeat request against
 * the Auto Scaling API model (botocore's service-2.json, installed with awscli), answers as
 * Auto Scaling does for an action it holds or not, and records each one. Every other action
 * goes on to moto.
 *
 * <p>DescribeAutoScalingInstances, checked against the model too, goes to moto, which answers it
 * for its groups' instances but only ever as InService or Standby: it ignores lifecycle hooks on
 * scale-in, so it never holds one in Terminating:Wait. An instance a test says is {@link
 * #leaving} is answered from here instead, as an AutoScalingInstanceDetails of the model
 * (InstanceId, AutoScalingGroupName, AvailabilityZone, LifecycleState Terminating:Wait,
 * HealthStatus, ProtectedFromScaleIn, its required members), in place of whatever moto said of it.
 */
public final class AutoScalingEndpoint {
    private static final Set<String> OURS = Set.of("CompleteLifecycleAction", "RecordLifecycleActionHeartbeat");
    private static final String DESCRIBE_INSTANCES = "DescribeAutoScalingInstances";
    private static final String NAMESPACE = "http://autoscaling.amazonaws.com/doc/2011-01-01/";
    private static AutoScalingEndpoint shared;

    /** A request as Auto Scaling received it, after it passed the model's checks. */
    public record Request(String action, Map<String, String> parameters) {}

    private final HttpServer server;
    private final JsonNode model;
    private final URI moto;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Set<String> heldTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, String> leaving = new ConcurrentHashMap<>();
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

    /** Auto Scaling now holds the instance in Terminating:Wait in this group (a scale-in with a terminate hook). */
    public void leaving(String instanceId, String groupName) {
        leaving.put(instanceId, groupName);
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
        if (action.equals(DESCRIBE_INSTANCES)) {
            describeInstances(exchange, body, form);
            return;
        }
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
            String memberName = name.replaceFirst("\\.member\\.\\d+$", "");
            JsonNode member = input.path("members").path(memberName);
            if (member.isMissingNode()) {
                problems.add(action + ": " + name + " is not a member of " + action);
                return;
            }
            JsonNode shape = model.path("shapes").path(member.path("shape").asText());
            if (shape.path("type").asText().equals("list")) {
                int index = Integer.parseInt(name.substring(name.lastIndexOf('.') + 1));
                if (!name.startsWith(memberName + ".member.") || index < 1
                        || shape.has("max") && index > shape.get("max").asInt()) {
                    problems.add(action + ": " + name + " is not an element of " + memberName + " (at most "
                            + shape.path("max").asInt() + ")");
                }
                shape = model.path("shapes").path(shape.path("member").path("shape").asText());
            } else if (!memberName.equals(name)) {
                problems.add(action + ": " + name + " is not a member of " + action);
            }
            if (shape.path("type").asText().equals("integer")) {
                int number = Integer.parseInt(value);
                if (shape.has("min") && number < shape.get("min").asInt()
                        || shape.has("max") && number > shape.get("max").asInt()) {
                    problems.add(action + ": " + name + " is " + number + ", outside " + shape.path("min").asInt()
                            + ".." + shape.path("max").asInt());
                }
                return;
            }
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

    /** Moto's answer, with each instance the test holds {@link #leaving} described as Terminating:Wait. */
    private void describeInstances(HttpExchange exchange, byte[] body, Map<String, String> form) throws IOException {
        List<String> problems = check(DESCRIBE_INSTANCES, form);
        if (!problems.isEmpty()) {
            violations.addAll(problems);
            answer(exchange, 400, error("ValidationError", String.join("; ", problems)));
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>(form);
        parameters.remove("Action");
        parameters.remove("Version");
        received.add(new Request(DESCRIBE_INSTANCES, parameters));
        HttpResponse<byte[]> motoAnswer = sendToMoto(exchange, body);
        if (motoAnswer == null || motoAnswer.statusCode() != 200) {
            relay(exchange, motoAnswer);
            return;
        }
        List<String> ours = parameters.entrySet().stream().filter(e -> e.getKey().startsWith("InstanceIds.member."))
                .map(Map.Entry::getValue).filter(leaving::containsKey).toList();
        try {
            Document document = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(motoAnswer.body()));
            Element result = firstOrAdded(document.getDocumentElement(), DESCRIBE_INSTANCES + "Result");
            Element instances = firstOrAdded(result, "AutoScalingInstances");
            NodeList members = instances.getElementsByTagNameNS("*", "member");
            for (int i = members.getLength() - 1; i >= 0; i--) {
                Element member = (Element) members.item(i);
                if (ours.contains(member.getElementsByTagNameNS("*", "InstanceId").item(0).getTextContent())) {
                    instances.removeChild(member);
                }
            }
            for (String instanceId : ours) {
                Element member = (Element) instances.appendChild(document.createElementNS(NAMESPACE, "member"));
                Map.of("InstanceId", instanceId, "AutoScalingGroupName", leaving.get(instanceId),
                        "AvailabilityZone", "us-east-1a", "LifecycleState", "Terminating:Wait",
                        "HealthStatus", "HEALTHY", "ProtectedFromScaleIn", "false").forEach((name, text) ->
                        member.appendChild(document.createElementNS(NAMESPACE, name)).setTextContent(text));
            }
            StringWriter xml = new StringWriter();
            TransformerFactory.newDefaultInstance().newTransformer().transform(new DOMSource(document),
                    new StreamResult(xml));
            answer(exchange, 200, xml.toString());
        } catch (ParserConfigurationException | SAXException | TransformerException e) {
            throw new IOException("moto's DescribeAutoScalingInstances answer is not the XML expected", e);
        }
    }

    private static Element firstOrAdded(Element parent, String name) {
        NodeList found = parent.getElementsByTagNameNS("*", name);
        if (found.getLength() > 0) {
            return (Element) found.item(0);
        }
        return (Element) parent.appendChild(parent.getOwnerDocument().createElementNS(NAMESPACE, name));
    }

    private void forwardToMoto(HttpExchange exchange, byte[] body) throws IOException {
        relay(exchange, sendToMoto(exchange, body));
    }

    /** Moto's answer, or null when the wait for it was interrupted. */
    private HttpResponse<byte[]> sendToMoto(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(moto.resolve(exchange.getRequestURI().toString()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (Stream.of("authorization", "content-type", "x-amz-date").anyMatch(name::equalsIgnoreCase)) {
                values.forEach(value -> request.header(name, value));
            }
        });
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void relay(HttpExchange exchange, HttpResponse<byte[]> response) throws IOException {
        try {
            if (response == null) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
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
