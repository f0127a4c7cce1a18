package io.adoec2.localaws;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * moto's server on 127.0.0.1: the local peer for DynamoDB, EC2, Auto Scaling, SSM, SQS and SNS,
 * all on one endpoint (moto routes by the service named in each request's signature).
 * The process and its children stop on {@link #close()} and, at the latest, at JVM exit.
 */
public final class MotoServer implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    /** Another process may take the free port between our probe and moto's bind. */
    private static final int START_ATTEMPTS = 3;

    private static final String LAUNCHER = "moto_server_indexed.py";

    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Thread shutdownHook;

    private MotoServer(Process process, URI endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.shutdownHook = new Thread(this::stop, "moto-server-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** One server per JVM, started on first use and stopped at JVM exit; tests share it. */
    public static synchronized MotoServer shared() {
        if (shared == null || !shared.process.isAlive()) {
            shared = start();
        }
        return shared;
    }

    /** Starts a server of its own for the caller, who must close it. */
    public static MotoServer start() {
        Path root = ProjectRoot.find();
        Path python = PythonTools.installed(root).python();
        Path launcher = launcher();
        IllegalStateException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOn(List.of(python.toString(), launcher.toString()), freeLoopbackPort());
            } catch (PortTakenException e) {
                failure = e;
            }
        }
        throw failure;
    }

    /** Where clients send requests, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shutdownInProgress) {
            // The hook is running or about to run stop(), which is harmless twice.
        }
    }

    /**
     * moto's server started through {@value #LAUNCHER}, which answers DescribeInstances by
     * instance id, the tags of one resource and an image by id without a walk over everything moto
     * holds, names each attribute's keys for its serializer once, writes its XML bodies without SAX
     * and finds a later page of an index's Scan by bisection (the file says why each gives the same
     * answers), so a simulated fleet's cost grows with its size, not its square.
     */
    private static Path launcher() {
        try (InputStream source = MotoServer.class.getResourceAsStream(LAUNCHER)) {
            if (source == null) {
                throw new PeerSetupException("the moto launcher " + LAUNCHER + " is missing from the classpath");
            }
            Path launcher = Files.createTempFile("moto-server", ".py");
            launcher.toFile().deleteOnExit();
            Files.copy(source, launcher, StandardCopyOption.REPLACE_EXISTING);
            return launcher;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the moto launcher", e);
        }
    }

    private static MotoServer startOn(List<String> motoServer, int port) {
        Path log;
        Process process;
        List<String> command = new ArrayList<>(motoServer);
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            log = Files.createTempFile("moto-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("PYTHONUNBUFFERED", "1");
            process = builder.start();
        } catch (IOException e) {
            throw new PeerSetupException("cannot start " + String.join(" ", motoServer) + ": " + e.getMessage(), e);
        }
        MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.awaitReady();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = LogTail.of(log);
                if (output.contains("Address already in use")) {
                    throw new PortTakenException(endpoint, output);
                }
                throw new PeerSetupException("moto_server exited with code " + process.exitValue()
                        + " before answering on " + endpoint + ":\n" + output);
            }
            if (answers()) {
                return;
            }
            sleep(POLL_INTERVAL);
        }
        throw new PeerSetupException("moto_server did not answer on " + endpoint + " within "
                + STARTUP_TIMEOUT.toSeconds() + " s:\n" + LogTail.of(log));
    }

    private boolean answers() {
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint.resolve("/moto-api/").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    private synchronized void stop() {
        ProcessTrees.stop(process, STOP_TIMEOUT);
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // A temp file left behind is not worth failing a stop for.
        }
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on 127.0.0.1", e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for moto_server", e);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(URI endpoint, String output) {
            super("moto_server could not bind " + endpoint + ":\n" + output);
        }
    }
}
