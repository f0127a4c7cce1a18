package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.adoec2.retry.Deadline;
import io.adoec2.retry.DeadlineReachedException;
import io.adoec2.retry.RetryPolicies;
import io.adoec2.retry.RetryPolicy;
import io.adoec2.retry.Sleeper;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.Call;
import io.adoec2.azuredevops.simulator.Fault;
import io.adoec2.azuredevops.simulator.Pause;
import io.adoec2.azuredevops.simulator.RateLimit;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimOrganization;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The REST client against the simulator over real HTTP: the port's contract, then what only an
 * HTTP client has to get right (credentials, retries, throttling, counting, secrecy).
 */
class AzureDevOpsRestClientSimulatorTest extends AzureDevOpsContract {

    /** Recognisable, so a leak anywhere is easy to spot. */
    private static final String PAT = "PLANTED-PAT-3f9a7c1e-do-not-leak";
    private static final String STALE_PAT = "PLANTED-STALE-PAT-0b1d-do-not-leak";

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-25T12:00:00Z"));
    /** Real, for the timeout tests' slow answers; the test's clock for throttling delays ({@link #delaysOnTestClock}). */
    private volatile Pause serverPause = Pause.sleeping();
    private final List<AzureDevOpsRestClient> clients = new ArrayList<>();
    private AzureDevOpsSimulator simulator;
    private SimOrganization organization;
    private AzureDevOpsRestClient client;

    @BeforeEach
    void start() {
        simulator = AzureDevOpsSimulator.start(SimulatorOptions.defaults().withClock(time)
                .withPause(latency -> serverPause.pass(latency)));
        organization = simulator.organization("acme");
        organization.addPat(PAT, "Lifecycle Bot");
        client = client(new StaticTokenSource(Secret.of(PAT)), settings());
    }

    @AfterEach
    void stop() {
        clients.forEach(AzureDevOpsRestClient::close);
        simulator.close();
    }

    @Override
    protected AzureDevOps port() {
        return client;
    }

    @Override
    protected Backend backend() {
        return new SimulatorBackend(organization);
    }

    // ---- credentials ---------------------------------------------------------------------

    @Test
    void aRefusedPatFailsAsAuthenticationAfterReadingItAgainOnce() {
        RotatingTokenSource tokens = new RotatingTokenSource(STALE_PAT, "PLANTED-ALSO-WRONG-do-not-leak");
        AzureDevOpsRestClient refused = client(tokens, settings());

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
                () -> refused.project(PROJECT));

        assertThat(e.operation()).isEqualTo("Projects_Get");
        assertThat(e.status()).contains(401);
        assertThat(e).hasMessageContaining("Projects_Get").hasMessageContaining("401");
        assertThat(tokens.refreshes()).isEqualTo(1);
        assertThat(statuses("Projects_Get")).containsExactly(401, 401);
    }

    @Test
    void aRotatedPatIsPickedUpWithExactlyOneRefresh() {
        organization.project(PROJECT);
        RotatingTokenSource tokens = new RotatingTokenSource(STALE_PAT, PAT);
        AzureDevOpsRestClient rotated = client(tokens, settings());

        assertThat(rotated.project(PROJECT).name()).isEqualTo(PROJECT);
        assertThat(rotated.project(PROJECT).name()).isEqualTo(PROJECT);

        assertThat(tokens.refreshes()).isEqualTo(1);
        assertThat(statuses("Projects_Get")).containsExactly(401, 200, 200);
    }

    // ---- retries -------------------------------------------------------------------------

    @Test
    void aThrottledCallWaitsAsLongAsRetryAfterSaysThenSucceeds() {
        EnvironmentRef environment = environment();
        int poolId = client.deploymentPoolId(environment);
        Instant windowStart = time.instant();
        simulator.rateLimit(new RateLimit(1));
        exhaustBudget();
        // Until the first of those is 40 s from leaving the window: a Retry-After the client waits out.
        time.advance(Duration.between(time.instant(), windowStart.plus(RateLimit.WINDOW).minusSeconds(40)));
        // A second process with the same PAT, knowing nothing of that: it meets the refusal.
        AzureDevOpsRestClient other = client(new StaticTokenSource(Secret.of(PAT)), settings());

        assertThat(other.deploymentPoolId(environment)).isEqualTo(poolId);

        assertThat(statuses("Pool_Get")).containsExactly(200, 429, 200);
        assertThat(time.instant()).as("not retried before the first requests left the five-minute window")
                .isAfterOrEqualTo(windowStart.plus(RateLimit.WINDOW));
    }

    @Test
    void aRetryAfterBeyondWhatTheClientWaitsForFailsAtOnce() {
        EnvironmentRef environment = environment();
        simulator.rateLimit(new RateLimit(1));
        exhaustBudget();
        int sleptBefore = time.sleeps().size();
        AzureDevOpsRestClient hurried = client(new StaticTokenSource(Secret.of(PAT)), settings().withRetryPolicy(
                new RetryPolicy(5, Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30))));

        AzureDevOpsException e = catchThrowableOfType(AzureDevOpsException.class,
                () -> hurried.deploymentPoolId(environment));

        assertThat(e.status()).contains(429);
        assertThat(e).hasMessageStartingWith("Pool_Get failed with HTTP 429: Azure DevOps asked to retry after ")
                .hasMessageEndingWith(" s, longer than this client waits");
        assertThat(time.sleeps()).hasSize(sleptBefore);
    }

    @Test
    @SuppressWarnings("try") // the scope binds the deadline for the call inside it
    void aRetryAfterLongerThanTheInvocationHasLeftIsNotWaitedOut() {
        EnvironmentRef environment = environment();
        simulator.faults().throttleNext("Pool_Get", 1, Duration.ofSeconds(45));
        Deadline twentySecondsLeft = Deadline.after(time, Duration.ofSeconds(23), Duration.ofSeconds(3));

        DeadlineReachedException e;
        try (Deadline.Scope invocation = twentySecondsLeft.enter()) {
            e = catchThrowableOfType(DeadlineReachedException.class, () -> client.deploymentPoolId(environment));
        }

        assertThat(e).hasMessageContaining("Pool_Get").hasMessageContaining("Retry-After of 45 s")
                .hasMessageContaining("retried later");
        assertThat(time.sleeps()).isEmpty();
        assertThat(statuses("Pool_Get")).containsExactly(429);
    }

    @Test
    @SuppressWarnings("try") // the scope binds the deadline for the call inside it
    void anAzureDevOpsThatNeverAnswersCostsNoMoreThanTheTimeLeft() {
        EnvironmentRef environment = environment();
        simulator.faults().set("Pool_Get", Fault.latency(Duration.ofSeconds(30)));
        AzureDevOpsRestClient patient = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRequestTimeout(Duration.ofSeconds(30)));
        Deadline aSecondLeft = Deadline.after(Clock.systemUTC(), Duration.ofMillis(1_500), Duration.ofMillis(500));
        long started = System.nanoTime();

        RuntimeException e;
        try (Deadline.Scope invocation = aSecondLeft.enter()) {
            e = catchThrowableOfType(RuntimeException.class, () -> patient.deploymentPoolId(environment));
        }

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(e).isInstanceOfAny(AzureDevOpsException.class, DeadlineReachedException.class);
        assertThat(took).isLessThan(Duration.ofSeconds(3));
        assertThat(patient.callsByOperation()).containsEntry("Pool_Get", 1L);
    }

    @Test
    void aThrottledCallWithoutRetryAfterBacksOff() {
        EnvironmentRef environment = environment();
        simulator.faults().failNext("Pool_Get", 1, 429);

        assertThat(client.deploymentPoolId(environment)).isEqualTo(backend().poolId(PROJECT, ENVIRONMENT));

        assertThat(statuses("Pool_Get")).containsExactly(429, 200);
        // Throttling backs off from the policy's throttled base (1 s), not the 250 ms of other failures.
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void serverErrorsAreRetriedWithJitteredExponentialBackoff() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        simulator.faults().failNext("Vmresource_Delete", 2, 500);

        assertThat(client.deleteVmResource(environment, vm.resourceId())).isTrue();

        assertThat(statuses("Vmresource_Delete")).containsExactly(500, 500, 204);
        // Jitter fixed at 0.5: half of 250 ms, then half of 500 ms.
        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(125), Duration.ofMillis(250));
        assertThat(client.vmResource(environment, vm.resourceId())).isEmpty();
    }

    @Test
    void aDroppedConnectionIsRetried() {
        EnvironmentRef environment = environment();
        registerVm("i-0abc", List.of());
        simulator.faults().set("Vmresource_List", Fault.drops(1.0));
        AzureDevOpsRestClient healing = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withSleeper(clearFaultsThenSleep()));

        assertThat(healing.allVmResources(environment, VmResourceQuery.all())).hasSize(1);
        assertThat(healing.callsByOperation()).containsEntry("Vmresource_List", 2L);
    }

    @Test
    void aTimedOutCallIsRetried() {
        EnvironmentRef environment = environment();
        simulator.faults().set("Pool_Get", Fault.latency(Duration.ofSeconds(3)));
        AzureDevOpsRestClient impatient = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRequestTimeout(Duration.ofMillis(150)).withSleeper(clearFaultsThenSleep()));

        assertThat(impatient.deploymentPoolId(environment)).isEqualTo(backend().poolId(PROJECT, ENVIRONMENT));
        assertThat(impatient.callsByOperation()).containsEntry("Pool_Get", 2L);
    }

    @Test
    void aDeleteThatTimedOutAfterItWentThroughFindsTheResourceAlreadyGone() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        simulator.faults().set("Vmresource_Delete", Fault.latency(Duration.ofMillis(300)));
        AzureDevOpsRestClient impatient = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRequestTimeout(Duration.ofMillis(100)).withSleeper(duration -> {
                    simulator.faults().clear();
                    Thread.sleep(600); // really wait: the first DELETE finishes on the server meanwhile
                    time.sleep(duration);
                }));

        assertThat(impatient.deleteVmResource(environment, vm.resourceId())).isFalse();

        assertThat(impatient.callsByOperation()).containsEntry("Vmresource_Delete", 2L);
        assertThat(client.vmResource(environment, vm.resourceId())).isEmpty();
    }

    @Test
    void exhaustedRetriesNameTheOperationAndStatus() {
        EnvironmentRef environment = environment();
        simulator.faults().failNext("Pool_Get", 10, 503);
        AzureDevOpsRestClient limited = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRetryPolicy(RetryPolicies.withMaxAttempts(RetryPolicy.azureDevOps(), 3)));


        AzureDevOpsException e = catchThrowableOfType(AzureDevOpsException.class,
                () -> limited.deploymentPoolId(environment));

        assertThat(e.operation()).isEqualTo("Pool_Get");
        assertThat(e.status()).contains(503);
        assertThat(e).hasMessageStartingWith("Pool_Get failed with HTTP 503").hasMessageEndingWith("(after 3 attempts)");
        assertThat(statuses("Pool_Get")).containsExactly(503, 503, 503);
    }

    @Test
    void aServerThatNeverAnswersFailsTheCallNamingTheOperation() {
        EnvironmentRef environment = environment();
        simulator.faults().set("Agents_List", Fault.drops(1.0));
        AzureDevOpsRestClient limited = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRetryPolicy(RetryPolicies.withMaxAttempts(RetryPolicy.azureDevOps(), 2)));

        int poolId = client.deploymentPoolId(environment);

        AzureDevOpsException e = catchThrowableOfType(AzureDevOpsException.class, () -> limited.agents(poolId));

        assertThat(e).isExactlyInstanceOf(AzureDevOpsException.class)
                .hasMessageStartingWith("Agents_List failed: no answer from Azure DevOps")
                .hasMessageEndingWith("(after 2 attempts)");
        assertThat(e.status()).isEmpty();
    }

    @Test
    void aClientErrorIsNotRetriedAndCarriesWhatAzureDevOpsSaid() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        int poolId = client.deploymentPoolId(environment);
        simulator.faults().failNext("Agents_Update", 1, 400);

        AzureDevOpsException e = catchThrowableOfType(AzureDevOpsException.class,
                () -> client.setAgentEnabled(poolId, vm.agentId(), false));

        assertThat(e.operation()).isEqualTo("Agents_Update");
        assertThat(e.status()).contains(400);
        assertThat(e).hasMessageStartingWith("Agents_Update failed with HTTP 400, ");
        assertThat(statuses("Agents_Update")).containsExactly(400);
    }

    // ---- throttling ----------------------------------------------------------------------

    @Test
    void aDelayedAnswerSucceedsAndTheClientWaitsItsRetryAfterButNotTheDelayAgain() {
        EnvironmentRef environment = environment();
        int poolId = client.deploymentPoolId(environment);
        simulator.rateLimit(new RateLimit(1));
        delaysOnTestClock();
        AzureDevOpsRestClient other = client(new StaticTokenSource(Secret.of(PAT)), settings());
        Instant windowStart = time.instant();
        for (int i = 0; i < 5; i++) {
            other.project(PROJECT); // the identity's five minutes' worth, by another process
        }
        Instant beforeDelayed = time.instant();

        assertThat(client.deploymentPoolId(environment)).isEqualTo(poolId);
        Instant answered = time.instant();
        client.project(PROJECT);

        assertThat(Duration.between(beforeDelayed, answered)).as("Azure DevOps held the answer back")
                .isEqualTo(Duration.ofSeconds(15));
        assertThat(statuses("Pool_Get")).containsExactly(200, 200);
        assertThat(statuses("Projects_Get")).as("the next call fell under the threshold: neither delayed nor refused")
                .containsOnly(200);
        assertThat(time.instant()).as("it waited for the Retry-After: until two of the five had left the window")
                .isEqualTo(windowStart.plus(RateLimit.WINDOW));
        assertThat(time.slept()).as("the 15 s the server held the answer were not waited again")
                .isEqualTo(RateLimit.WINDOW.minusSeconds(15));
    }

    @Test
    void aBurstPastTheLimitFinishesNearItsFloorWithoutARefusalOrADelayServedTwice() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        int poolId = client.deploymentPoolId(environment);
        RateLimit limit = new RateLimit(20); // 100 a five-minute window, delays up to 150, refusals beyond
        simulator.rateLimit(limit);
        delaysOnTestClock();
        Instant start = time.instant();
        int calls = 200;

        for (int i = 0; i < calls; i++) {
            assertThat(client.agents(poolId)).extracting(Agent::id).containsExactly(vm.agentId());
        }

        // The earliest the window lets the last call in, delay phase included: one window for each blockedAt before it.
        Duration floor = RateLimit.WINDOW.multipliedBy((calls - 1) / limit.blockedAt());
        Duration took = Duration.between(start, time.instant());
        assertThat(statuses("Agents_List")).hasSize(calls).containsOnly(200);
        assertThat(took).as("no faster than the window lets 200 calls through").isGreaterThanOrEqualTo(floor);
        assertThat(took).as("near the floor: the client waited no delay twice").isLessThanOrEqualTo(
                Duration.ofMillis(floor.toMillis() * 12 / 10));
    }

    @Test
    void aRetryAfterOfMinutesIsWaitedOutWhenTheInvocationHasTheTime() {
        EnvironmentRef environment = environment();
        int poolId = client.deploymentPoolId(environment);
        simulator.faults().throttleNext("Pool_Get", 1, Duration.ofSeconds(240));
        Instant before = time.instant();

        assertThat(client.deploymentPoolId(environment)).isEqualTo(poolId);

        assertThat(statuses("Pool_Get")).containsExactly(200, 429, 200);
        assertThat(Duration.between(before, time.instant())).isEqualTo(Duration.ofSeconds(240));
    }

    @Test
    void oneClientServesManyThreadsAtOnce() throws Exception {
        EnvironmentRef environment = environment();
        List<SeededVm> vms = IntStream.range(0, 64).mapToObj(i -> registerVm("i-" + i, List.of())).toList();
        // Fewer failures than one call's attempts, wherever they land among the threads.
        simulator.faults().failNext("Vmresource_Delete", 8, 503);
        AzureDevOpsRestClient shared = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRetryPolicy(RetryPolicies.withMaxAttempts(RetryPolicy.azureDevOps(), 9)));


        List<Boolean> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (SeededVm vm : vms) {
                futures.add(threads.submit(() -> shared.deleteVmResource(environment, vm.resourceId())
                        && shared.vmResource(environment, vm.resourceId()).isEmpty()));
            }
            for (Future<Boolean> future : futures) {
                results.add(future.get());
            }
        }

        assertThat(results).hasSize(64).containsOnly(true);
        assertThat(shared.callsByOperation()).containsEntry("Vmresource_Delete", 72L).containsEntry("Vmresource_Get", 64L);
        assertThat(statuses("Vmresource_Delete")).filteredOn(status -> status == 204).hasSize(64);
        assertThat(client.allVmResources(environment, VmResourceQuery.all())).isEmpty();
    }

    // ---- counting, addressing, secrecy ---------------------------------------------------

    @Test
    void countsCallsByOperationAsAzureDevOpsSeesThem() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        int poolId = client.deploymentPoolId(environment);
        simulator.faults().failNext("Agents_List", 1, 500);
        client.agents(poolId);
        client.deleteVmResource(environment, vm.resourceId());
        client.deleteAgent(poolId, vm.agentId());

        Map<String, Long> counts = client.callsByOperation();

        assertThat(counts).containsExactly(Map.entry("Projects_Get", 1L), Map.entry("Environments_List", 1L),
                Map.entry("Vmresource_Delete", 1L), Map.entry("Pool_Get", 1L), Map.entry("Agents_List", 2L),
                Map.entry("Agents_Delete", 1L));
        assertThat(counts).isEqualTo(simulator.calls().countsByOperation());
    }

    @Test
    void aProjectNameAzureDevOpsCannotTakeInAPathIsRefusedWithoutACall() {
        String id = organization.project("R&D").id();

        AzureDevOpsException e = catchThrowableOfType(AzureDevOpsException.class, () -> client.project("R&D"));

        assertThat(e).isNotInstanceOf(NotFoundException.class).hasMessageContaining("R&D").hasMessageContaining("id");
        assertThat(client.project(id).name()).isEqualTo("R&D");
        assertThat(simulator.calls().countsByOperation()).containsExactly(Map.entry("Projects_Get", 1L));
    }

    @Test
    void anOrganizationUrlWithATrailingSlashWorksAndNonsenseIsRefused() {
        organization.project(PROJECT);
        AzureDevOpsRestClient slashed = new AzureDevOpsRestClient(URI.create(simulator.organizationUrl("acme") + "/"),
                new StaticTokenSource(Secret.of(PAT)), settings());
        clients.add(slashed);

        assertThat(slashed.project(PROJECT).name()).isEqualTo(PROJECT);
        assertThatThrownBy(() -> new AzureDevOpsRestClient(URI.create("ftp://example.com/acme"),
                new StaticTokenSource(Secret.of(PAT)))).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> new AzureDevOpsRestClient(URI.create("https://user:" + PAT + "@dev.azure.com/acme"),
                new StaticTokenSource(Secret.of(PAT)))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining(PAT);
    }

    @Test
    void thePatNeverShowsInAnyMessageOrToString() {
        EnvironmentRef environment = environment();
        int poolId = client.deploymentPoolId(environment);
        AzureDevOpsRestClient oneShot = client(new StaticTokenSource(Secret.of(PAT)),
                settings().withRetryPolicy(RetryPolicies.withMaxAttempts(RetryPolicy.azureDevOps(), 1)));

        RotatingTokenSource wrong = new RotatingTokenSource(STALE_PAT, "PLANTED-ALSO-WRONG-do-not-leak");
        List<Throwable> failures = new ArrayList<>();
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> client(wrong, settings()).project(PROJECT)));
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> client.project("Contoso")));
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> client.project("R&D")));
        failures.add(catchThrowableOfType(AzureDevOpsException.class,
                () -> client.environment(client.project(PROJECT), "missing")));
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> client.setAgentEnabled(poolId, 999, false)));
        simulator.faults().failNext("Pool_Get", 1, 500);
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> oneShot.deploymentPoolId(environment)));
        simulator.faults().failNext("Agents_List", 1, 400);
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> client.agentsNamed(poolId, "x")));
        simulator.faults().set("Agents_List", Fault.drops(1.0));
        failures.add(catchThrowableOfType(AzureDevOpsException.class, () -> oneShot.agents(poolId)));

        assertThat(failures).doesNotContainNull().hasSize(8);
        List<String> texts = new ArrayList<>();
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                texts.add(t.toString());
                texts.add(String.valueOf(t.getMessage()));
            }
        }
        texts.addAll(List.of(client.toString(), settings().toString(), new StaticTokenSource(Secret.of(PAT)).toString(),
                Secret.of(PAT).toString(), environment.toString()));
        assertThat(texts).noneMatch(text -> text.contains("PLANTED"));
    }

    // ---- plumbing ------------------------------------------------------------------------

    private RestClientSettings settings() {
        return RestClientSettings.defaults().withSleeper(time).withClock(time).withJitter(() -> 0.5)
                .withRequestTimeout(Duration.ofSeconds(5));
    }

    /** Spends the identity's whole budget (limit and delay phase) of a {@code RateLimit(1)}: the next call is refused. */
    private void exhaustBudget() {
        delaysOnTestClock();
        for (int i = 0; i < new RateLimit(1).blockedAt(); i++) {
            // Each a process of its own, knowing nothing of the others' Retry-After: so the budget gets spent.
            client(new StaticTokenSource(Secret.of(PAT)), settings()).project(PROJECT);
        }
    }

    /** Azure DevOps' throttling delays pass on the test's clock, as the client's own waits do. */
    private void delaysOnTestClock() {
        serverPause = time::advance;
    }

    private AzureDevOpsRestClient client(TokenSource tokens, RestClientSettings settings) {
        AzureDevOpsRestClient created = new AzureDevOpsRestClient(simulator.organizationUrl("acme"), tokens, settings);
        clients.add(created);
        return created;
    }

    /** Heals the simulator at the client's first wait, so exactly the first attempt fails. */
    private Sleeper clearFaultsThenSleep() {
        AtomicBoolean healed = new AtomicBoolean();
        return duration -> {
            if (healed.compareAndSet(false, true)) {
                simulator.faults().clear();
            }
            time.sleep(duration);
        };
    }

    /** What the simulator answered to an operation, in order (it logs a call before answering it). */
    private List<Integer> statuses(String operation) {
        return simulator.calls().all().stream().filter(call -> call.operation().equals(operation))
                .map(Call::status).toList();
    }

    /** Seeds the simulator through its control API. */
    private record SimulatorBackend(SimOrganization organization) implements Backend {
        @Override
        public String createProject(String name) {
            return organization.project(name).id();
        }

        @Override
        public void createEnvironment(String project, String environment) {
            organization.project(project).environment(environment);
        }

        @Override
        public SeededVm registerVm(String project, String environment, String vmName, List<String> tags) {
            var vm = environment(project, environment).registerVm(vmName, tags);
            return new SeededVm(vm.resourceId(), vm.agentId());
        }

        @Override
        public int poolId(String project, String environment) {
            return environment(project, environment).poolId();
        }

        @Override
        public void setAgentOnline(String project, String environment, int resourceId, boolean online) {
            environment(project, environment).setAgentOnline(resourceId, online);
        }

        @Override
        public boolean startJob(String project, String environment, int resourceId, String jobName) {
            return environment(project, environment).startJob(resourceId, jobName);
        }

        @Override
        public void finishJob(String project, String environment, int resourceId) {
            environment(project, environment).finishJob(resourceId);
        }

        @Override
        public void deleteVmResourceLikeTheUi(String project, String environment, int resourceId) {
            environment(project, environment).deleteVmResourceLikeTheUi(resourceId);
        }

        private SimEnvironment environment(String project, String environment) {
            return organization.project(project).environment(environment);
        }
    }
}
