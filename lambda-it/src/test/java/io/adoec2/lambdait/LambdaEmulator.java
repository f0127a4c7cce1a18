package io.adoec2.lambdait;

import io.adoec2.localaws.ProcessTrees;
import io.adoec2.testing.TerraformFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Lambda function in AWS's Runtime Interface Emulator: the emulator process, the runtime
 * interface client it starts as the function's runtime, and the deployed artifact as its task
 * root. Both of its addresses are free loopback ports, so emulators never collide. It
 * initializes the function at the first invocation, as Lambda does at a cold start.
 */
final class LambdaEmulator implements AutoCloseable {
    private static final String INVOKE_PATH = "/2015-03-31/functions/function/invocations";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** Another process may take a free port between our probe and the emulator's bind. */
    private static final int START_ATTEMPTS = 3;

    private final TerraformFunctions.Function function;
    private final Process process;
    private final URI invokeUri;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private LambdaEmulator(TerraformFunctions.Function function, Process process, URI invokeUri, Path log) {
        this.function = function;
        this.process = process;
        this.invokeUri = invokeUri;
        this.log = log;
    }

    /**
     * Starts the emulator for a function of the Terraform module.
     *
     * @param environment the whole environment of the emulator, which passes it on to the runtime
     */
    static LambdaEmulator start(Path emulator, TerraformFunctions.Function function, Path taskRoot,
                                List<Path> runtimeClasspath, Map<String, String> environment) {
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOn(emulator, function, taskRoot, runtimeClasspath, environment, freePort(), freePort());
            } catch (PortTakenException e) {
                failure = e;
            }
        }
        throw failure;
    }

    private static LambdaEmulator startOn(Path emulator, TerraformFunctions.Function function, Path taskRoot,
                                          List<Path> runtimeClasspath, Map<String, String> environment,
                                          int invokePort, int runtimeApiPort) {
        List<String> command = new ArrayList<>(List.of(emulator.toString(),
                "--runtime-interface-emulator-address", "127.0.0.1:" + invokePort,
                "--runtime-api-address", "127.0.0.1:" + runtimeApiPort));
        command.addAll(ManagedRuntime.javaCommand(function, runtimeClasspath));
        Path log;
        Process process;
        try {
            log = Files.createTempFile("lambda-" + function.key(), ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(taskRoot.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + emulator + ": " + e.getMessage(), e);
        }
        LambdaEmulator started = new LambdaEmulator(function, process,
                URI.create("http://127.0.0.1:" + invokePort + INVOKE_PATH), log);
        try {
            started.awaitListening(invokePort);
            return started;
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Posts an event as Lambda's Invoke API does, and waits for the answer up to the function's timeout. */
    Invocation invoke(String eventJson) {
        HttpRequest request = HttpRequest.newBuilder(invokeUri)
                .timeout(Duration.ofSeconds(function.timeout() + 10L))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(eventJson, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Invocation(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("invoking " + function.key() + " failed: " + e.getMessage()
                    + "\nemulator output:\n" + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while invoking " + function.key(), e);
        }
    }

    /** The emulator's output so far: its platform lines and everything the function logged. */
    List<String> output() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    EmulatorReports reports() {
        return EmulatorReports.parse(output());
    }

    /**
     * The function's runtime, the JVM the emulator started: its processor time (less swayed than
     * wall time by other work on the machine, and what a function with a fraction of a vCPU waits
     * for), peak memory and classes loaded. Empty once it has ended.
     */
    Optional<RuntimeJvm> runtimeJvm() {
        return RuntimeJvm.of(process);
    }

    /** The end of the output, for failure messages. */
    String tail() {
        List<String> lines = output();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        // The emulator's child is the runtime JVM: it goes with it.
        ProcessTrees.stop(process, STOP_TIMEOUT);
        http.close();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // A temp file left behind is not worth failing a stop for.
        }
    }

    private void awaitListening(int port) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = String.join("\n", output());
                if (output.contains("address already in use")) {
                    throw new PortTakenException(output);
                }
                throw new IllegalStateException("the emulator for " + function.key() + " exited with code "
                        + process.exitValue() + ":\n" + output);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                sleep();
            }
        }
        throw new IllegalStateException("the emulator for " + function.key() + " did not listen on port " + port
                + " within " + READY_TIMEOUT.toSeconds() + " s:\n" + tail());
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the emulator", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String output) {
            super("the emulator could not bind its ports:\n" + output);
        }
    }
}
