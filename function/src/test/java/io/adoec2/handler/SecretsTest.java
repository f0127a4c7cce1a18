package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.azuredevops.RequiredScopes;
import io.adoec2.azuredevops.simulator.entra.ServicePrincipal;
import io.adoec2.lifecycle.TagContract;
import io.adoec2.testing.EntraPeers;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.SsmFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plants a recognisable PAT and drives every path, the failing ones above all, then looks for
 * it, raw and as the Basic credential it travels in, in every log line (which is also every
 * metric) and in every exception a handler threw, with its causes and stack.
 */
class SecretsTest {
    private FunctionHarness harness;
    private final List<String> thrown = new ArrayList<>();

    @BeforeEach
    void start() {
        harness = new FunctionHarness(Clock.fixed(Instant.parse("2026-11-25T09:12:43Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    private void sns(String fixture, String instanceId) {
        invoke(new AsgNotificationHandler(harness.runtime), Fixtures.event("sns/" + fixture, Map.of("instanceId",
                instanceId, "group", "web-asg", "messageId", UUID.randomUUID().toString())));
    }

    private void sqs(String body) {
        invoke(new LifecycleQueueHandler(harness.runtime), Fixtures.sqsBatch(List.of(new SqsMessage("m", body))));
    }

    private void invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event) {
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), null);
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            thrown.add(e + "\n" + trace);
        }
    }

    @Test
    void thePatAppearsInNoLogLineMetricOrExceptionOnAnyPath() {
        String managed = harness.launchInstance(FunctionHarness.groupTags("web"));
        sns("launch.json", managed);
        harness.environment.registerVm(managed, List.of("web"));
        String token = UUID.randomUUID().toString();
        harness.autoScaling.holds(token);
        harness.autoScaling.leaving(managed, "web-asg");
        sqs(Fixtures.event("eventbridge/terminate-action.json", Map.of("instanceId", managed, "token", token,
                "group", "web-asg", "hook", "ado-agents", "time", "2026-11-25T09:12:43Z", "eventId", "e")));

        String failing = harness.launchInstance(FunctionHarness.groupTags(""));
        sns("launch.json", failing);
        harness.simulator.faults().failNext("Vmresource_List", 50, 503);
        harness.ec2.terminate(failing);
        sns("terminate.json", failing);
        harness.simulator.faults().clear();

        String throttled = harness.launchInstance(FunctionHarness.groupTags(""));
        sns("launch.json", throttled);
        harness.simulator.faults().failNext("Vmresource_List", 2, 429);
        harness.ec2.terminate(throttled);
        sns("terminate.json", throttled);

        String unknownEnvironment = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, "nowhere"));
        sns("launch.json", unknownEnvironment);
        sns("launch-missing-instance-id.json", "unused");
        sqs("{\"not\":\"an event\"}");

        // An organization that refuses the PAT: 401, a re-read of the parameter, 401 again.
        String refused = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, FunctionHarness.ENVIRONMENT, TagContract.ORGANIZATION,
                harness.simulator.organizationUrl(FunctionHarness.FOREIGN_ORGANIZATION).toString()));
        sns("launch.json", refused);

        // The reconcile function: a pass that cannot list an environment, and an event that is not a schedule.
        harness.simulator.faults().failNext("Vmresource_List", 1, 404);
        invoke(new ReconcileHandler(harness.runtime), Fixtures.event("schedule/scheduled-event.json",
                Map.of("id", "pass-1", "time", "2026-11-25T09:12:43Z")));
        invoke(new ReconcileHandler(harness.runtime), "{\"source\":\"aws.events\"}");

        assertThat(thrown).as("the failing paths did throw").isNotEmpty()
                .anySatisfy(e -> assertThat(e).contains("ReconcileIncompleteException"))
                .anySatisfy(e -> assertThat(e).contains("MalformedEventException", "$.detail-type"));
        assertThat(harness.logLines).anySatisfy(line -> assertThat(line).contains("401")
                .contains("from SSM parameter " + harness.patParameter).contains("\"httpStatus\":\"401\""));
        String basic = Base64.getEncoder().encodeToString((":" + harness.pat).getBytes(StandardCharsets.UTF_8));
        for (String text : concat(harness.logLines, thrown)) {
            assertThat(text).doesNotContain(harness.pat).doesNotContain(basic);
        }
    }

    /**
     * The Entra modes: a planted client secret, the access tokens and assertions (every JWT starts
     * {@code eyJ}, its header's base64url), through success, a refused secret, an app the
     * organization does not have, and a federated credential that does not match.
     */
    @Test
    void clientSecretsAssertionsAndAccessTokensAppearInNoLogLineOrException() {
        harness.close();
        EntraPeers peers = EntraPeers.shared();
        String secret = "PLANTEDCLIENTSECRET" + UUID.randomUUID().toString().replace("-", "");
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addClientSecret(secret)
                .addFederatedCredential(peers.sts.issuer().toString(), "arn:aws:iam::123456789012:role/not-this-one",
                        EntraPeers.AUDIENCE);
        String parameter = "/" + LocalAws.unique("entra-secret");
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, secret);
        harness = new FunctionHarness(Clock.fixed(Instant.parse("2026-11-25T09:12:43Z"), ZoneOffset.UTC),
                peers.servicePrincipalEnvironment(app, parameter));
        harness.simulator.trust(peers.entra);
        harness.organization.addServicePrincipal(app.tenantId(), app.clientId(), "sp", RequiredScopes.FUNCTIONS);

        String managed = harness.launchInstance(FunctionHarness.groupTags("web"));
        sns("launch.json", managed);
        sns("terminate.json", managed);
        // The foreign organization does not have the app: 401, a new token, 401 again.
        String refused = harness.launchInstance(Map.of(TagContract.PROJECT, FunctionHarness.PROJECT,
                TagContract.ENVIRONMENT, FunctionHarness.ENVIRONMENT, TagContract.ORGANIZATION,
                harness.simulator.organizationUrl(FunctionHarness.FOREIGN_ORGANIZATION).toString()));
        sns("launch.json", refused);
        // A wrong secret in the parameter, and a federated credential for another role.
        app.removeClientSecrets().addClientSecret("another" + secret);
        FunctionHarness wrongSecret = new FunctionHarness(Clock.systemUTC(),
                peers.servicePrincipalEnvironment(app, parameter));
        FunctionHarness federated = new FunctionHarness(Clock.systemUTC(), peers.workloadIdentityEnvironment(app));
        try {
            invoke(new AsgNotificationHandler(wrongSecret.runtime), Fixtures.event("sns/launch.json", Map.of(
                    "instanceId", wrongSecret.launchInstance(FunctionHarness.groupTags("")), "group", "web-asg",
                    "messageId", UUID.randomUUID().toString())));
            invoke(new AsgNotificationHandler(federated.runtime), Fixtures.event("sns/launch.json", Map.of(
                    "instanceId", federated.launchInstance(FunctionHarness.groupTags("")), "group", "web-asg",
                    "messageId", UUID.randomUUID().toString())));
        } finally {
            wrongSecret.close();
            federated.close();
        }

        List<String> all = concat(concat(harness.logLines, wrongSecret.logLines), concat(federated.logLines, thrown));
        assertThat(thrown).as("the failing paths did throw").hasSizeGreaterThanOrEqualTo(3);
        assertThat(all).as("the failing paths were logged with their reasons")
                .anySatisfy(text -> assertThat(text).contains("ENTRA_CLIENT_SECRET_PARAMETER (SSM parameter"))
                .anySatisfy(text -> assertThat(text).contains("federated credential must have subject"))
                .anySatisfy(text -> assertThat(text).contains("the Entra access token of Entra app"));
        for (String text : all) {
            assertThat(text).doesNotContain(secret).doesNotContain("eyJ");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
