package io.adoec2.lambdait;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-HTTP reverse proxy in front of one local peer (moto's server or the Azure DevOps simulator)
 * that records every request passed on: what routes it (method, path, query, the credential scope's
 * service and X-Amz-Target or the form's Action) and the sizes of body and answer. Set a function's
 * endpoint variable to {@link #endpoint()} to see the requests it makes, in order; the peer's own
 * behaviour is untouched. Never records header values beyond those routing parts, so no secret is kept.
 */
final class RecordingProxy implements AutoCloseable {
    /** Hop-by-hop and length headers, which the JDK client sets itself and refuses to be given. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
            "upgrade", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection");
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");

    /**
     * One request passed on.
     *
     * @param receivedNanos {@link System#nanoTime()} when it came, to order the requests of several proxies
     * @param service the SigV4 credential scope's service, or "" when unsigned (Azure DevOps)
     * @param target  X-Amz-Target, else the form's Action, else ""
     */
    record Request(long receivedNanos, String method, String path, String query, String service, String target, int bodyBytes,
                   int status, int answerBytes) {
        /** What routes it, without sizes: "POST / ec2 DescribeInstances", "GET /contoso/_apis/projects/Platform". */
        String route() {
            return (method + " " + path + (query.isEmpty() ? "" : "?" + query) + " " + service + " " + target).strip();
        }
    }

    private final URI target;
    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Request> requests = new ArrayList<>();

    private RecordingProxy(URI target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    /** A proxy to the peer at {@code target} (scheme, host and port; its path is ignored). */
    static RecordingProxy to(URI target) {
        try {
            return new RecordingProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a recording proxy to " + target, e);
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The requests passed on so far, in the order they came. */
    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void clear() {
        requests.clear();
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            long received = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            URI request = exchange.getRequestURI();
            HttpRequest.Builder out = HttpRequest.newBuilder(target.resolve(request.getRawPath()
                            + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery())))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(value -> out.header(name, value));
                }
            });
            HttpResponse<byte[]> answer;
            try {
                answer = client.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted passing a request on to " + target, e);
            }
            synchronized (this) {
                requests.add(new Request(received, exchange.getRequestMethod(), request.getRawPath(),
                        Optional.ofNullable(request.getRawQuery()).orElse(""), service(exchange), target(exchange, body),
                        body.length, answer.statusCode(), answer.body().length));
            }
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(answer.body());
            }
        }
    }

    private static String service(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher scope = authorization == null ? null : SCOPE.matcher(authorization);
        return scope != null && scope.find() ? scope.group(1) : "";
    }

    private static String target(HttpExchange exchange, byte[] body) {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (amzTarget != null) {
            return amzTarget;
        }
        Matcher action = ACTION.matcher(new String(body, java.nio.charset.StandardCharsets.ISO_8859_1));
        return action.find() ? action.group(1) : "";
    }

    @Override
    public void close() {
        server.stop(0);
        client.close();
    }
}
