package io.adoec2.azuredevops.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stateful Azure DevOps stand-in serving the REST API on 127.0.0.1.
 *
 * <p>Tests and {@code simulate} seed it through the control API (organizations, projects,
 * environments, VMs, faults, rate limits); everything else goes through HTTP as against
 * dev.azure.com. Thread-safe.
 */
public final class AzureDevOpsSimulator implements AutoCloseable {

    private static final int THREADS = 16;

    private final World world;
    private final CallLog calls = new CallLog();
    private final Faults faults;
    private final RateLimiter rateLimiter;
    private final HttpServer server;
    private final ExecutorService executor;

    private AzureDevOpsSimulator(SimulatorOptions options) throws IOException {
        this.world = new World(options.seed(), options.clock());
        this.faults = new Faults(options.seed());
        this.rateLimiter = new RateLimiter(options.clock());
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 256);
        this.executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "ado-simulator-http");
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", new Front(world, calls, faults, rateLimiter, options.pause()));
        server.setExecutor(executor);
        server.start();
    }

    /** Starts a server on 127.0.0.1 (port 0 = any free port). */
    public static AzureDevOpsSimulator start(SimulatorOptions options) {
        Objects.requireNonNull(options, "options");
        try {
            return new AzureDevOpsSimulator(options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
    }

    /** http://127.0.0.1:PORT */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** http://127.0.0.1:PORT/{organization}: what a user would configure as the organization URL. */
    public URI organizationUrl(String organization) {
        SimOrganization.requireName(organization, "organization");
        return URI.create(baseUri() + "/" + PathSegments.encode(organization));
    }

    /** The organization with this name (ignoring case), created if missing. */
    public SimOrganization organization(String name) {
        SimOrganization.requireName(name, "organization");
        return world.locked(() -> new SimOrganization(world, world.organization(name)));
    }

    /** Every request served so far, in order, with counts per operation. */
    public CallLog calls() {
        return calls;
    }

    /** Per-operation fault injection (error rate and status, latency, dropped connections, runs of 429s). */
    public Faults faults() {
        return faults;
    }

    /**
     * Accepts the access tokens this identity provider issues (the Entra stand-in), for apps an
     * organization has added with {@link SimOrganization#addServicePrincipal}.
     */
    public void trust(BearerVerifier identityProvider) {
        Objects.requireNonNull(identityProvider, "identityProvider");
        world.locked(() -> world.trust(identityProvider));
    }

    /** Per-identity rate limiting; off until set, off again with {@code null}. */
    public void rateLimit(RateLimit limit) {
        rateLimiter.set(limit);
    }

    /** What a deletion leaves of the other half of a VM (default {@link DeletionModel#PESSIMISTIC}). */
    public void deletionModel(DeletionModel model) {
        world.deletionModel(Objects.requireNonNull(model, "model"));
    }

    /**
     * Lists VM resources with agents that carry no {@code status}. The spec's VirtualMachine.agent is a
     * whole TaskAgent, whose status is optional like every field of it, and whether the service fills it in
     * for this listing is undocumented; a client must then learn it from the pool's agent listing.
     */
    public void omitAgentStatus(boolean omitted) {
        world.agentStatusOmitted(omitted);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
