package io.adoec2.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.azuredevops.EnvironmentRef;
import io.adoec2.azuredevops.ProjectRef;
import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.Call;
import io.adoec2.azuredevops.simulator.SimEnvironment;
import io.adoec2.azuredevops.simulator.SimProject;
import io.adoec2.azuredevops.simulator.SimVm;
import io.adoec2.azuredevops.simulator.SimulatorOptions;
import io.adoec2.cli.simulate.Ec2Fleet;
import io.adoec2.cli.simulate.LocalCloud;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.lifecycle.InstanceRecord;
import io.adoec2.lifecycle.OrganizationUrl;
import io.adoec2.lifecycle.RegistrationStore;
import io.adoec2.lifecycle.ResolvedEnvironment;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.observe.EventLog;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The reconciler over one environment of many VM resources: some are managed (a record each,
 * their instances running in EC2), a number of those are orphans (instance terminated, agent
 * offline), the rest were registered by hand. Each run is two passes, each in a fresh JVM capped
 * at {@value #MAX_HEAP_MB} MB of heap with Lambda's flags: the first sights the orphans gone, the
 * second, minutes later on its clock, confirms and removes them. Azure DevOps calls come from the
 * simulator's log, AWS requests and heap from the pass's own JVM.
 */
final class ReconcileAtScale {
    static final int MAX_HEAP_MB = 256;

    private static final String ORGANIZATION = "contoso";
    private static final String PROJECT = "Platform";
    private static final String ENVIRONMENT = "fleet";
    private static final String IDENTITY = "ado-ec2-lifecycle-reconciler";
    private static final String PAT_PARAMETER = "/ado-ec2-lifecycle/bench/reconciler-pat";
    private static final String GROUP = "ado-agents";
    private static final List<String> TAGS = List.of("linux");
    private static final int LAUNCH_BATCH = 100;
    /** What Lambda's Java runtime starts the JVM with, and the memory cap under test. */
    private static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xmx" + MAX_HEAP_MB + "m");

    record Pass(Map<String, Long> adoCalls, Map<String, Long> awsRequests, double wallMs, long peakHeapBytes,
                int removed, boolean complete) {

        long adoCallsTotal() {
            return adoCalls.values().stream().mapToLong(Long::longValue).sum();
        }

        long awsRequests(String service) {
            return awsRequests.getOrDefault(service, 0L);
        }

        double peakHeapMb() {
            return peakHeapBytes / (1024.0 * 1024.0);
        }
    }

    record Run(Pass first, Pass second) {}

    record Result(int resources, int managed, int orphans, List<Run> runs) {}

    private ReconcileAtScale() {}

    /**
     * One scene for every run: the live managed instances and the hand-registered resources are
     * set up once; each run adds orphans of its own, which its second pass removes (their records
     * stay as tombstones, as they do in a deployment).
     */
    static Result measure(int resources, int managed, int orphans, int runs, Consumer<String> progress)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.withoutFaults();
             AzureDevOpsSimulator simulator = AzureDevOpsSimulator.start(SimulatorOptions.defaults())) {
            progress.accept("reconcile: setting up " + resources + " VM resources, " + managed + " managed");
            Scene scene = new Scene(cloud, simulator);
            scene.addManaged(managed - orphans);
            for (int i = managed; i < resources; i++) {
                scene.environment.registerVm(String.format("host-%05d", i), TAGS);
            }
            Duration apart = FunctionConfig.fromEnvironment(scene.functionEnvironment).reconcile().confirmAfter()
                    .plusMinutes(1);
            List<Run> results = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                progress.accept("reconcile: " + orphans + " orphans among them; run " + run + " of " + runs);
                List<String> gone = scene.addManaged(orphans);
                for (String instanceId : gone) {
                    scene.environment.setAgentOnline(scene.environment.vm(instanceId).orElseThrow().resourceId(),
                            false);
                }
                scene.fleet.terminate(gone);
                Pass first = pass(cloud, simulator, scene.functionEnvironment, Duration.ZERO);
                Pass second = pass(cloud, simulator, scene.functionEnvironment, apart);
                results.add(new Run(first, second));
            }
            return new Result(resources, managed, orphans, results);
        }
    }

    /** The environment, its records and its instances, as the function's launches would have left them. */
    private static final class Scene {
        final SimEnvironment environment;
        final Map<String, String> functionEnvironment;
        final Ec2Fleet fleet;
        private final RegistrationStore store;
        private final ResolvedEnvironment where;

        Scene(LocalCloud cloud, AzureDevOpsSimulator simulator) {
            simulator.organization(ORGANIZATION).addPat(cloud.newPat(PAT_PARAMETER), IDENTITY);
            SimProject project = simulator.organization(ORGANIZATION).project(PROJECT);
            environment = project.environment(ENVIRONMENT);
            String organizationUrl = simulator.organizationUrl(ORGANIZATION).toString();
            functionEnvironment = cloud.functionEnvironment(organizationUrl, PAT_PARAMETER);
            store = FunctionRuntime.create(FunctionConfig.fromEnvironment(functionEnvironment),
                    cloud.functionClients(), Clock.systemUTC(), new EventLog(line -> { }, Clock.systemUTC())).store();
            where = new ResolvedEnvironment(OrganizationUrl.parse(organizationUrl),
                    new ProjectRef(project.id(), project.name()),
                    new EnvironmentRef(project.id(), environment.id(), environment.name()));
            fleet = new Ec2Fleet(cloud.ec2(), Map.of(TagContract.PROJECT, PROJECT, TagContract.ENVIRONMENT,
                    ENVIRONMENT, TagContract.RESOURCE_TAGS, String.join(",", TAGS)));
        }

        /** Instances launched an hour ago, registered, and recorded with their resource and agent ids. */
        List<String> addManaged(int count) {
            List<String> instances = new ArrayList<>();
            while (instances.size() < count) {
                instances.addAll(fleet.launch(Math.min(LAUNCH_BATCH, count - instances.size())));
            }
            Instant launchedAt = Instant.now().minus(Duration.ofHours(1));
            for (String instanceId : instances) {
                SimVm vm = environment.registerVm(instanceId, TAGS);
                InstanceRecord launching = InstanceRecord.launching(instanceId, Optional.of(GROUP), where, TAGS,
                        Optional.empty(), launchedAt);
                store.create(launching);
                store.update(launching.registered(vm.resourceId(),
                        new InstanceRecord.AgentRef(environment.poolId(), vm.agentId()), launchedAt));
            }
            return instances;
        }
    }

    private static Pass pass(LocalCloud cloud, AzureDevOpsSimulator simulator, Map<String, String> functionEnvironment,
                             Duration clockAhead) throws IOException, InterruptedException {
        Map<String, Long> before = adoCalls(simulator);
        Map<String, String> environment = new HashMap<>(functionEnvironment);
        environment.put("AWS_REGION", cloud.region());
        environment.put("AWS_ACCESS_KEY_ID", "bench");
        environment.put("AWS_SECRET_ACCESS_KEY", "bench");
        List<String> options = new ArrayList<>(LAMBDA_FLAGS);
        options.add("-Daws.endpointUrl=" + cloud.endpoint());
        JsonNode result = ForkedJvm.withOptions(options, environment)
                .run(ReconcileProbe.class, List.of(Long.toString(clockAhead.toSeconds())));
        Map<String, Long> aws = new TreeMap<>();
        result.path("awsRequests").properties().forEach(e -> aws.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> calls = new TreeMap<>();
        adoCalls(simulator).forEach((operation, count) -> {
            long added = count - before.getOrDefault(operation, 0L);
            if (added > 0) {
                calls.put(operation, added);
            }
        });
        return new Pass(calls, aws, result.path("wallMs").asDouble(), result.path("peakHeapBytes").asLong(),
                result.path("removed").asInt(), result.path("complete").asBoolean());
    }

    private static Map<String, Long> adoCalls(AzureDevOpsSimulator simulator) {
        Map<String, Long> counts = new TreeMap<>();
        for (Call call : simulator.calls().all()) {
            if (call.identity().equals(IDENTITY)) {
                counts.merge(call.operation(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
