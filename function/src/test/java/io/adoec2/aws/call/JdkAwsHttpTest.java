package io.adoec2.aws.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The transport's answer timeout covers the whole answer, as the SDK client's socket timeout did every read. */
class JdkAwsHttpTest {
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAnswerWhoseBodyStallsFailsAtTheAnswerTimeout() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 100);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"partial\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");

        try (JdkAwsHttp http = new JdkAwsHttp(Duration.ofSeconds(3), Duration.ofMillis(400))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> http.send(new AwsHttp.Request(uri, Map.of("Content-Type", "text/plain"),
                    new byte[0])))
                    .isInstanceOf(HttpTimeoutException.class)
                    .hasMessageContaining(uri.toString());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRefusedConnectionIsAnIOException() throws IOException {
        URI closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        URI nowhere = closed;
        try (JdkAwsHttp http = JdkAwsHttp.create()) {
            assertThatThrownBy(() -> http.send(new AwsHttp.Request(nowhere, Map.of(), new byte[0])))
                    .isInstanceOf(IOException.class);
        }
    }
}
