package io.adoec2.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.adoec2.azuredevops.AuthenticationException;
import io.adoec2.azuredevops.AzureDevOpsRestClient;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.azuredevops.RequiredScopes;
import io.adoec2.azuredevops.simulator.entra.ServicePrincipal;
import io.adoec2.entra.EntraException;
import io.adoec2.testing.EntraPeers;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.FunctionHarness;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.SsmFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The functions without a PAT: an Entra service principal with a client secret from SSM, and
 * workload identity federation with the role's STS token, against the Entra stand-in, the local
 * STS issuer, moto and the Azure DevOps simulator. Each misconfiguration an operator can make
 * fails with a message naming the setting to fix.
 */
class EntraAuthTest {
    private static final String SP_IDENTITY = "ado-ec2-lifecycle (service principal)";

    private final EntraPeers peers = EntraPeers.shared();
    private FunctionHarness harness;

    @AfterEach
    void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    private String secretParameter(String secret) {
        String parameter = "/" + LocalAws.unique("entra-secret");
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, secret);
        return parameter;
    }

    /** Builds the function with this Entra environment on a fresh harness whose organization has the app. */
    private FunctionHarness functionAs(ServicePrincipal app, Map<String, String> entraEnvironment) {
        FunctionHarness fresh = new FunctionHarness(Clock.systemUTC(), entraEnvironment);
        fresh.simulator.trust(peers.entra);
        fresh.organization.addServicePrincipal(app.tenantId(), app.clientId(), SP_IDENTITY,
                RequiredScopes.FUNCTIONS);
        harness = fresh;
        return fresh;
    }

    private void launchAndTerminate(FunctionHarness harness) throws IOException {
        String instanceId = harness.launchInstance(FunctionHarness.groupTags("web"));
        deliver(harness, "launch.json", instanceId);
        harness.environment.registerVm(instanceId, List.of("web"));
        harness.ec2.terminate(instanceId);
        deliver(harness, "terminate.json", instanceId);
        assertThat(harness.environment.vm(instanceId)).as("the VM resource is gone").isEmpty();
    }

    private static void deliver(FunctionHarness harness, String fixture, String instanceId) throws IOException {
        String json = Fixtures.event("sns/" + fixture, Map.of("instanceId", instanceId, "group", "web-asg",
                "messageId", UUID.randomUUID().toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AsgNotificationHandler(harness.runtime).handleRequest(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    private List<String> callers(FunctionHarness harness) {
        return harness.simulator.calls().all().stream().map(call -> call.identity()).distinct().toList();
    }

    /** The first token the configured source gets, or its refusal. */
    private static TokenSource tokens(FunctionHarness harness, Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(FunctionConfig.TABLE_NAME, "unused");
        env.put(FunctionConfig.ADO_ORGANIZATION_URL, "contoso");
        return AzureDevOpsTokens.of(FunctionConfig.fromEnvironment(env).auth(), harness.aws,
                RestClientSettings.defaults());
    }

    @Test
    void aServicePrincipalWithAClientSecretManagesTheEnvironmentWithOneTokenForManyCalls() throws IOException {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addClientSecret("s3cr3t~value.of-the-app");
        FunctionHarness fn = functionAs(app, peers.servicePrincipalEnvironment(app,
                secretParameter("s3cr3t~value.of-the-app")));

        launchAndTerminate(fn);

        assertThat(callers(fn)).as("every call was the service principal's").containsExactly(SP_IDENTITY);
        assertThat(fn.simulator.calls().all()).hasSizeGreaterThan(2);
        assertThat(peers.entra.tokensIssued()).as("one access token, cached").containsEntry(app.clientId(), 1);
    }

    @Test
    void workloadIdentityExchangesTheRolesStsTokenAndStoresNothing() throws IOException {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addFederatedCredential(peers.sts.issuer().toString(), EntraPeers.ROLE_ARN, EntraPeers.AUDIENCE);
        int stsBefore = peers.sts.tokensIssued();
        FunctionHarness fn = functionAs(app, peers.workloadIdentityEnvironment(app));

        launchAndTerminate(fn);

        assertThat(callers(fn)).containsExactly(SP_IDENTITY);
        assertThat(peers.entra.tokensIssued()).containsEntry(app.clientId(), 1);
        assertThat(peers.sts.tokensIssued() - stsBefore).as("one STS token per exchange").isEqualTo(1);
    }

    @Test
    void aWrongClientSecretNamesTheParameterThatHoldsIt() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addClientSecret("the-right-one");
        String parameter = secretParameter("an-old-one");
        FunctionHarness fn = functionAs(app, peers.servicePrincipalEnvironment(app, parameter));

        assertThatThrownBy(() -> tokens(fn, peers.servicePrincipalEnvironment(app, parameter)).token())
                .isInstanceOf(EntraException.class)
                .hasMessageStartingWith(FunctionConfig.ENTRA_CLIENT_SECRET_PARAMETER + " (SSM parameter " + parameter)
                .hasMessageContaining("AADSTS7000215")
                .hasMessageNotContaining("an-old-one");
    }

    @Test
    void aRotatedSecretIsReadAgainOnceAndAccepted() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addClientSecret("first");
        String parameter = secretParameter("first");
        FunctionHarness fn = functionAs(app, peers.servicePrincipalEnvironment(app, parameter));
        TokenSource tokens = tokens(fn, peers.servicePrincipalEnvironment(app, parameter));
        tokens.token();

        app.removeClientSecrets().addClientSecret("second");
        SsmFixtures.putSecureString(LocalAws.clients(), parameter, "second");
        tokens.refresh();

        assertThat(tokens.token().reveal()).isNotBlank();
    }

    @Test
    void anUnknownClientIdOrTenantNamesThatSetting() {
        ServicePrincipal known = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString());
        FunctionHarness fn = functionAs(known, peers.workloadIdentityEnvironment(known));
        Map<String, String> unknownApp = new HashMap<>(peers.workloadIdentityEnvironment(known));
        unknownApp.put(FunctionConfig.ENTRA_CLIENT_ID, UUID.randomUUID().toString());
        assertThatThrownBy(() -> tokens(fn, unknownApp).token())
                .hasMessageContaining("AADSTS700016").hasMessageContaining(FunctionConfig.ENTRA_CLIENT_ID);

        Map<String, String> unknownTenant = new HashMap<>(peers.workloadIdentityEnvironment(known));
        unknownTenant.put(FunctionConfig.ENTRA_TENANT_ID, UUID.randomUUID().toString());
        assertThatThrownBy(() -> tokens(fn, unknownTenant).token())
                .hasMessageContaining("AADSTS90002").hasMessageContaining(FunctionConfig.ENTRA_TENANT_ID);
    }

    @Test
    void aFederatedCredentialWithTheWrongIssuerNamesTheIssuerToPutThere() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addFederatedCredential("https://elsewhere.tokens.sts.global.api.aws", EntraPeers.ROLE_ARN,
                        EntraPeers.AUDIENCE);
        FunctionHarness fn = functionAs(app, peers.workloadIdentityEnvironment(app));

        assertThatThrownBy(() -> tokens(fn, peers.workloadIdentityEnvironment(app)).token())
                .isInstanceOf(EntraException.class)
                .hasMessageContaining("AADSTS700211")
                .hasMessageContaining("issuer '" + peers.sts.issuer() + "'")
                .hasMessageContaining("web_identity_issuer");
    }

    @Test
    void aFederatedCredentialWithTheWrongSubjectNamesTheRoleArnToPutThere() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addFederatedCredential(peers.sts.issuer().toString(), "arn:aws:iam::123456789012:role/other",
                        EntraPeers.AUDIENCE);
        FunctionHarness fn = functionAs(app, peers.workloadIdentityEnvironment(app));

        assertThatThrownBy(() -> tokens(fn, peers.workloadIdentityEnvironment(app)).token())
                .hasMessageContaining("AADSTS700213")
                .hasMessageContaining("subject '" + EntraPeers.ROLE_ARN + "'")
                .hasMessageContaining("web_identity_subject");
    }

    @Test
    void aFederatedCredentialWithAnotherAudienceNamesTheAudienceSetting() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addFederatedCredential(peers.sts.issuer().toString(), EntraPeers.ROLE_ARN, "api://Other");
        FunctionHarness fn = functionAs(app, peers.workloadIdentityEnvironment(app));

        assertThatThrownBy(() -> tokens(fn, peers.workloadIdentityEnvironment(app)).token())
                .hasMessageContaining("AADSTS700212")
                .hasMessageContaining(FunctionConfig.ENTRA_FEDERATION_AUDIENCE);
    }

    @Test
    void anAudienceTheRolePolicyDoesNotAllowNamesTheConditionAndTheSetting() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString());
        FunctionHarness fn = functionAs(app, peers.workloadIdentityEnvironment(app));
        Map<String, String> env = new HashMap<>(peers.workloadIdentityEnvironment(app));
        env.put(FunctionConfig.ENTRA_FEDERATION_AUDIENCE, "api://NotGranted");

        assertThatThrownBy(() -> tokens(fn, env).token())
                .hasMessageContaining("sts:IdentityTokenAudience")
                .hasMessageContaining(FunctionConfig.ENTRA_FEDERATION_AUDIENCE);
    }

    @Test
    void anExpiredAssertionIsRefusedNamingItsLifetimeAndClock() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addFederatedCredential(peers.sts.issuer().toString(), EntraPeers.ROLE_ARN, EntraPeers.AUDIENCE);
        FunctionHarness fn = functionAs(app, peers.workloadIdentityEnvironment(app));
        peers.stsClock.advance(Duration.ofHours(-2));
        try {
            assertThatThrownBy(() -> tokens(fn, peers.workloadIdentityEnvironment(app)).token())
                    .hasMessageContaining("AADSTS700024")
                    .hasMessageContaining("valid time")
                    .hasMessageStartingWith(FunctionConfig.ENTRA_ASSERTION_SECONDS);
        } finally {
            peers.stsClock.advance(Duration.ofHours(2));
        }
    }

    @Test
    void anExpiredAccessTokenIsRefusedByAzureDevOpsAndReplacedOnce() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addClientSecret("secret-x");
        String parameter = secretParameter("secret-x");
        FunctionHarness fn = functionAs(app, peers.servicePrincipalEnvironment(app, parameter));
        TokenSource tokens = tokens(fn, peers.servicePrincipalEnvironment(app, parameter));
        AzureDevOpsRestClient client = new AzureDevOpsRestClient(
                fn.simulator.organizationUrl(FunctionHarness.ORGANIZATION), tokens, RestClientSettings.defaults());

        // Entra's clock two hours behind: it issues tokens that Azure DevOps sees as long expired.
        peers.entraClock.advance(Duration.ofHours(-2));
        try {
            assertThatThrownBy(() -> client.environment(FunctionHarness.PROJECT, FunctionHarness.ENVIRONMENT))
                    .isInstanceOf(AuthenticationException.class)
                    .hasMessageContaining("Entra access token")
                    .hasMessageContaining("after getting a new one");
        } finally {
            peers.entraClock.advance(Duration.ofHours(2));
        }
        assertThat(peers.entra.tokensIssued()).as("the refused token was replaced once")
                .containsEntry(app.clientId(), 2);
        tokens.refresh();
        assertThat(client.environment(FunctionHarness.PROJECT, FunctionHarness.ENVIRONMENT)).isNotNull();
    }

    @Test
    void anAppThatIsNotAUserOfTheOrganizationIsRefusedNamingWhatToAdd() {
        ServicePrincipal app = peers.entra.servicePrincipal(EntraPeers.TENANT, UUID.randomUUID().toString())
                .addClientSecret("secret-y");
        String parameter = secretParameter("secret-y");
        FunctionHarness fn = new FunctionHarness(Clock.systemUTC(), peers.servicePrincipalEnvironment(app, parameter));
        harness = fn;
        fn.simulator.trust(peers.entra);
        AzureDevOpsRestClient client = new AzureDevOpsRestClient(
                fn.simulator.organizationUrl(FunctionHarness.ORGANIZATION),
                tokens(fn, peers.servicePrincipalEnvironment(app, parameter)), RestClientSettings.defaults());

        assertThatThrownBy(() -> client.environment(FunctionHarness.PROJECT, FunctionHarness.ENVIRONMENT))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("must be a user of the organization");
    }
}
