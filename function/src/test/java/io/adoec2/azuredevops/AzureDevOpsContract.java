package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link AzureDevOps} must do, whatever sits behind it. A subclass supplies the port
 * under test and a {@link Backend} to seed the organization it talks to; each test starts from
 * an empty organization.
 */
public abstract class AzureDevOpsContract {

    /** Seeds the organization behind the port, and plays the parts no REST client drives. */
    public interface Backend {
        /** Creates the project; returns its id. */
        String createProject(String name);

        /** Creates the environment in the project (which must exist). */
        void createEnvironment(String project, String environment);

        /** Registers a VM as the agent's {@code config.sh --environment} does: resource and pool agent. */
        SeededVm registerVm(String project, String environment, String vmName, List<String> tags);

        /** The environment's deployment pool. */
        int poolId(String project, String environment);

        void setAgentOnline(String project, String environment, int resourceId, boolean online);

        /** @return false when the agent takes no job (disabled, offline or busy) */
        boolean startJob(String project, String environment, int resourceId, String jobName);

        void finishJob(String project, String environment, int resourceId);

        /** Deletes the VM resource as the web UI does: the agent stays in the pool. */
        void deleteVmResourceLikeTheUi(String project, String environment, int resourceId);
    }

    public record SeededVm(int resourceId, int agentId) {}

    protected abstract Backend backend();

    protected abstract AzureDevOps port();

    // ---- projects ------------------------------------------------------------------------

    @Test
    void findsAProjectByNameIgnoringCaseOrById() {
        String id = backend().createProject("Fabrikam Web");
        backend().createProject("Fabrikam");

        assertThat(port().project("fabrikam WEB")).isEqualTo(new ProjectRef(id, "Fabrikam Web"));
        assertThat(port().project(id)).isEqualTo(new ProjectRef(id, "Fabrikam Web"));
    }

    @Test
    void aMissingProjectIsNotFound() {
        backend().createProject("Fabrikam");

        NotFoundException missing = catchThrowableOfType(NotFoundException.class, () -> port().project("Contoso"));

        assertThat(missing.operation()).isEqualTo("Projects_Get");
        assertThat(missing.status()).contains(404);
    }

    // ---- environments --------------------------------------------------------------------

    @Test
    void findsTheEnvironmentWithExactlyThatNameIgnoringCase() {
        ProjectRef project = projectWith("prod-eu", "production", "pre-prod", "Prod");

        EnvironmentRef environment = port().environment(project, "PROD");

        assertThat(environment.name()).isEqualTo("Prod");
        assertThat(environment.projectId()).isEqualTo(project.id());
        assertThat(port().environment(project, "production").id()).isNotEqualTo(environment.id());
    }

    @Test
    void aMissingEnvironmentIsNotFoundEvenWhenSimilarNamesExist() {
        ProjectRef project = projectWith("production", "prod-eu");

        assertThatThrownBy(() -> port().environment(project, "prod"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("prod");
    }

    // ---- VM resources --------------------------------------------------------------------

    @Test
    void listsVmResourcesWithTheirTagsAndOnlineAgents() {
        EnvironmentRef environment = environment();
        SeededVm web = registerVm("i-0web", List.of("web", "blue"));
        registerVm("i-0db", List.of("db"));

        List<VmResource> all = port().allVmResources(environment, VmResourceQuery.all());

        assertThat(all).extracting(VmResource::name).containsExactlyInAnyOrder("i-0web", "i-0db");
        VmResource resource = all.stream().filter(r -> r.name().equals("i-0web")).findFirst().orElseThrow();
        assertThat(resource.id()).isEqualTo(web.resourceId());
        assertThat(resource.tags()).containsExactlyInAnyOrder("web", "blue");
        assertThat(resource.createdOn()).isNotNull();
        assertThat(resource.agent()).hasValueSatisfying(agent -> {
            assertThat(agent.id()).isEqualTo(web.agentId());
            assertThat(agent.online()).isTrue();
            assertThat(agent.enabled()).isTrue();
        });
    }

    @Test
    void filtersByExactNameAndByEveryTag() {
        EnvironmentRef environment = environment();
        registerVm("web-1", List.of("web", "blue"));
        registerVm("web-10", List.of("web", "green"));
        registerVm("db-1", List.of("db", "blue"));

        assertThat(port().allVmResources(environment, VmResourceQuery.named("WEB-1")))
                .extracting(VmResource::name).containsExactly("web-1");
        assertThat(port().allVmResources(environment, tagged(List.of("web"))))
                .extracting(VmResource::name).containsExactlyInAnyOrder("web-1", "web-10");
        assertThat(port().allVmResources(environment, tagged(List.of("web", "blue"))))
                .extracting(VmResource::name).containsExactly("web-1");
        assertThat(port().allVmResources(environment, VmResourceQuery.named("web-2"))).isEmpty();
    }

    @Test
    void pagesThroughThousandsOfVmResourcesWithoutMissingOrRepeatingOne() {
        EnvironmentRef environment = environment();
        Set<Integer> seeded = new HashSet<>();
        IntStream.range(0, 2_500).forEach(i -> seeded.add(registerVm("i-%05d".formatted(i), List.of()).resourceId()));

        List<Integer> pageSizes = new ArrayList<>();
        List<Integer> seen = new ArrayList<>();
        VmResourceQuery query = VmResourceQuery.all().withTop(1000);
        while (true) {
            Page<VmResource> page = port().listVmResources(environment, query);
            pageSizes.add(page.items().size());
            page.items().forEach(resource -> seen.add(resource.id()));
            if (page.continuationToken().isEmpty()) {
                break;
            }
            query = query.withContinuationToken(page.continuationToken().get());
        }

        assertThat(pageSizes).containsExactly(1000, 1000, 500);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seeded);
        assertThat(port().allVmResources(environment, VmResourceQuery.all())).hasSize(2_500);
    }

    @Test
    void smallPagesAddUpToEverything() {
        EnvironmentRef environment = environment();
        Set<Integer> seeded = new HashSet<>();
        IntStream.range(0, 23).forEach(i -> seeded.add(registerVm("vm-" + i, List.of("t")).resourceId()));

        List<VmResource> all = port().allVmResources(environment, tagged(List.of("t")).withTop(5));
        Page<VmResource> first = port().listVmResources(environment, VmResourceQuery.all().withTop(5));

        assertThat(all).extracting(VmResource::id).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(seeded);
        assertThat(first.items()).hasSize(5);
        assertThat(first.continuationToken()).isPresent();
    }

    @Test
    void readsOneVmResourceByIdAndAnswersEmptyForAMissingOne() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of("web"));

        assertThat(port().vmResource(environment, vm.resourceId())).hasValueSatisfying(resource -> {
            assertThat(resource.name()).isEqualTo("i-0abc");
            assertThat(resource.tags()).containsExactly("web");
        });
        assertThat(port().vmResource(environment, vm.resourceId() + 1000)).isEmpty();
    }

    @Test
    void deletesAVmResourceOnceThenReportsItGone() {
        EnvironmentRef environment = environment();
        SeededVm doomed = registerVm("i-0doomed", List.of());
        SeededVm kept = registerVm("i-0kept", List.of());

        assertThat(port().deleteVmResource(environment, doomed.resourceId())).isTrue();
        assertThat(port().deleteVmResource(environment, doomed.resourceId())).isFalse();

        assertThat(port().vmResource(environment, doomed.resourceId())).isEmpty();
        assertThat(port().vmResource(environment, kept.resourceId())).isPresent();
    }

    // ---- pool and agents -----------------------------------------------------------------

    @Test
    void theDeploymentPoolHoldsTheAgentsOfTheVmResources() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());

        int poolId = port().deploymentPoolId(environment);

        assertThat(poolId).isEqualTo(backend().poolId(PROJECT, ENVIRONMENT));
        assertThat(agentById(poolId, vm.agentId())).hasValueSatisfying(agent -> {
            assertThat(agent.name()).isEqualTo("i-0abc");
            assertThat(agent.online()).isTrue();
            assertThat(agent.enabled()).isTrue();
            assertThat(agent.busy()).isFalse();
        });
    }

    @Test
    void seesAnAgentGoOffline() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        int poolId = port().deploymentPoolId(environment);

        backend().setAgentOnline(PROJECT, ENVIRONMENT, vm.resourceId(), false);

        assertThat(agentById(poolId, vm.agentId())).get().extracting(Agent::online).isEqualTo(false);
        assertThat(port().vmResource(environment, vm.resourceId()).flatMap(VmResource::agent))
                .get().extracting(Agent::online).isEqualTo(false);
    }

    @Test
    void readsTheJobAnAgentIsRunning() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        int poolId = port().deploymentPoolId(environment);

        assertThat(backend().startJob(PROJECT, ENVIRONMENT, vm.resourceId(), "Deploy web")).isTrue();

        Agent busy = agentById(poolId, vm.agentId()).orElseThrow();
        assertThat(busy.busy()).isTrue();
        assertThat(busy.runningJob()).hasValueSatisfying(job -> {
            assertThat(job.jobName()).isEqualTo("Deploy web");
            assertThat(job.requestId()).isPositive();
            assertThat(job.assignedAt()).isPresent();
        });
        assertThat(port().agentsNamed(poolId, "i-0abc")).singleElement().extracting(Agent::busy).isEqualTo(true);

        backend().finishJob(PROJECT, ENVIRONMENT, vm.resourceId());

        assertThat(agentById(poolId, vm.agentId())).get().extracting(Agent::busy).isEqualTo(false);
    }

    @Test
    void oneListingOfThePoolShowsEveryAgentWithTheJobItRuns() {
        EnvironmentRef environment = environment();
        SeededVm idle = registerVm("i-0idle", List.of());
        SeededVm busy = registerVm("i-0busy", List.of());
        SeededVm away = registerVm("i-0away", List.of());
        int poolId = port().deploymentPoolId(environment);
        backend().startJob(PROJECT, ENVIRONMENT, busy.resourceId(), "Deploy web");
        backend().setAgentOnline(PROJECT, ENVIRONMENT, away.resourceId(), false);

        List<Agent> agents = port().agents(poolId);

        assertThat(agents).extracting(Agent::id).containsExactlyInAnyOrder(idle.agentId(), busy.agentId(),
                away.agentId());
        assertThat(agents).filteredOn(Agent::busy).singleElement().satisfies(agent -> {
            assertThat(agent.name()).isEqualTo("i-0busy");
            assertThat(agent.runningJob()).get().extracting(AgentJob::jobName).isEqualTo("Deploy web");
        });
        assertThat(agents).filteredOn(agent -> !agent.online()).extracting(Agent::name).containsExactly("i-0away");
    }

    @Test
    void aMissingAgentOrPoolIsEmpty() {
        EnvironmentRef environment = environment();
        int poolId = port().deploymentPoolId(environment);

        assertThat(agentById(poolId, 987_654)).isEmpty();
        assertThat(port().agents(987_654)).isEmpty();
    }

    @Test
    void findsAgentsByExactNameIgnoringCase() {
        EnvironmentRef environment = environment();
        SeededVm one = registerVm("web-1", List.of());
        registerVm("web-10", List.of());
        int poolId = port().deploymentPoolId(environment);

        assertThat(port().agentsNamed(poolId, "WEB-1")).extracting(Agent::id).containsExactly(one.agentId());
        assertThat(port().agentsNamed(poolId, "web-2")).isEmpty();
    }

    @Test
    void anAgentLeftBehindByTheUiIsFoundByNameAndDeletedOnce() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0left", List.of());
        int poolId = port().deploymentPoolId(environment);

        backend().deleteVmResourceLikeTheUi(PROJECT, ENVIRONMENT, vm.resourceId());

        assertThat(port().vmResource(environment, vm.resourceId())).isEmpty();
        assertThat(port().agentsNamed(poolId, "i-0left")).extracting(Agent::id).containsExactly(vm.agentId());
        assertThat(port().deleteAgent(poolId, vm.agentId())).isTrue();
        assertThat(port().deleteAgent(poolId, vm.agentId())).isFalse();
        assertThat(agentById(poolId, vm.agentId())).isEmpty();
        assertThat(port().agentsNamed(poolId, "i-0left")).isEmpty();
    }

    @Test
    void aDisabledAgentTakesNoNewJobUntilEnabledAgain() {
        EnvironmentRef environment = environment();
        SeededVm vm = registerVm("i-0abc", List.of());
        int poolId = port().deploymentPoolId(environment);

        Agent disabled = port().setAgentEnabled(poolId, vm.agentId(), false);

        assertThat(disabled.id()).isEqualTo(vm.agentId());
        assertThat(disabled.enabled()).isFalse();
        assertThat(agentById(poolId, vm.agentId())).get().extracting(Agent::enabled).isEqualTo(false);
        assertThat(backend().startJob(PROJECT, ENVIRONMENT, vm.resourceId(), "Deploy")).isFalse();

        assertThat(port().setAgentEnabled(poolId, vm.agentId(), true).enabled()).isTrue();
        assertThat(backend().startJob(PROJECT, ENVIRONMENT, vm.resourceId(), "Deploy")).isTrue();
    }

    @Test
    void disablingAMissingAgentIsNotFound() {
        int poolId = port().deploymentPoolId(environment());

        NotFoundException missing = catchThrowableOfType(NotFoundException.class,
                () -> port().setAgentEnabled(poolId, 987_654, false));

        assertThat(missing.operation()).isEqualTo("Agents_Update");
    }

    // ---- hostile names -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../Fabrikam", "..", "Fabrikam/..", "Fabrikam?x=1", "Fabrikam#x", "Fabrikam%2F..",
            "Fabrikam/_apis/projects/Fabrikam", "%46abrikam", "Fabrikam ", "_apis"})
    void aHostileProjectNameNeverResolvesToAnotherProject(String hostile) {
        backend().createProject("Fabrikam");
        backend().createProject("Other");

        Optional<ProjectRef> found;
        try {
            found = Optional.of(port().project(hostile));
        } catch (AzureDevOpsException refused) {
            found = Optional.empty();
        }

        found.ifPresent(project -> assertThat(project.name()).isEqualToIgnoringCase(hostile));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web shop", "Ünïcødé 名前", "R and D (2)", "it's", "a.b"})
    void projectNamesWithSpacesAndUnicodeRoundTrip(String name) {
        String id = backend().createProject(name);
        backend().createProject("Other");

        assertThat(port().project(name)).isEqualTo(new ProjectRef(id, name));
    }

    @Test
    void hostileEnvironmentNamesRoundTrip() {
        List<String> names = List.of("prod", "prod/1", "prod?x=1", "prod#1", "100%", "a&name=prod", "..", "../prod",
                "名前 space", "prod%2F1", "+prod+");
        ProjectRef project = projectWith(names.toArray(String[]::new));

        Set<Integer> ids = new HashSet<>();
        for (String name : names) {
            EnvironmentRef environment = port().environment(project, name);
            assertThat(environment.name()).isEqualTo(name);
            ids.add(environment.id());
        }
        assertThat(ids).hasSize(names.size());
    }

    @Test
    void hostileVmResourceAndAgentNamesRoundTrip() {
        EnvironmentRef environment = environment();
        List<String> names = List.of("web", "web/1", "web?x=1", "web#1", "web%", "web&name=web", "..", "名前 vm",
                "web%2F1", "+web+", "web,db");
        List<SeededVm> vms = names.stream().map(name -> registerVm(name, List.of("hostile tag & more"))).toList();
        int poolId = port().deploymentPoolId(environment);

        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            assertThat(port().allVmResources(environment, VmResourceQuery.named(name)))
                    .as(name).extracting(VmResource::id).containsExactly(vms.get(i).resourceId());
            assertThat(port().agentsNamed(poolId, name)).as(name).extracting(Agent::id)
                    .containsExactly(vms.get(i).agentId());
        }
        assertThat(port().allVmResources(environment, tagged(List.of("hostile tag & more"))))
                .hasSize(names.size());
    }

    // ---- helpers -------------------------------------------------------------------------

    protected static final String PROJECT = "Fabrikam";
    protected static final String ENVIRONMENT = "production";

    /** The standard project and environment, seeded and resolved through the port. */
    protected EnvironmentRef environment() {
        backend().createProject(PROJECT);
        backend().createEnvironment(PROJECT, ENVIRONMENT);
        return port().environment(port().project(PROJECT), ENVIRONMENT);
    }

    protected SeededVm registerVm(String name, List<String> tags) {
        return backend().registerVm(PROJECT, ENVIRONMENT, name, tags);
    }

    /** An agent as the listing of its pool shows it. */
    protected Optional<Agent> agentById(int poolId, int agentId) {
        return port().agents(poolId).stream().filter(agent -> agent.id() == agentId).findFirst();
    }

    private ProjectRef projectWith(String... environments) {
        backend().createProject(PROJECT);
        for (String environment : environments) {
            backend().createEnvironment(PROJECT, environment);
        }
        return port().project(PROJECT);
    }

    /** A listing filtered by tags: only the tests filter by tag. */
    private static VmResourceQuery tagged(List<String> tags) {
        return new VmResourceQuery(Optional.empty(), tags, Optional.empty(), Optional.empty());
    }
}
