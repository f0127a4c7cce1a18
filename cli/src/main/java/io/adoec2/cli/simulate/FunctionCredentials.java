package io.adoec2.cli.simulate;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.aws.StsWebIdentityIssuer;
import io.adoec2.azuredevops.simulator.entra.EntraSimulator;
import io.adoec2.azuredevops.simulator.entra.ServicePrincipal;
import io.adoec2.handler.AuthMode;
import io.adoec2.handler.FunctionConfig;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * How each simulated function authenticates to the Azure DevOps simulator, by {@code --auth}: a PAT
 * in SSM; an Entra app with a client secret in SSM; or the function role's token from the local STS
 * issuer, exchanged at the Entra stand-in through a federated credential (nothing stored). Each
 * function is its own identity (its own app or PAT), so its calls, rate limit and permissions stay
 * apart. The stand-ins run on the simulated clock, so access tokens expire and renew in a long run.
 */
final class FunctionCredentials implements AutoCloseable {
    static final String TENANT = "3f4e1c2a-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
    private static final String ACCOUNT = "123456789012";
    private static final String AUDIENCE = "api://AzureADTokenExchange";

    private final AuthMode mode;
    private final Optional<EntraSimulator> entra;
    private final Optional<StsWebIdentityIssuer> sts;

    private FunctionCredentials(AuthMode mode, Optional<EntraSimulator> entra, Optional<StsWebIdentityIssuer> sts) {
        this.mode = mode;
        this.entra = entra;
        this.sts = sts;
    }

    /**
     * Starts the stand-ins the mode needs. Call before the function's AWS clients are made: they
     * take the STS endpoint (the local issuer) when they are built.
     */
    static FunctionCredentials start(AuthMode mode, Clock clock) {
        if (mode == AuthMode.PAT) {
            return new FunctionCredentials(mode, Optional.empty(), Optional.empty());
        }
        EntraSimulator entra = EntraSimulator.start(clock);
        if (mode == AuthMode.SERVICE_PRINCIPAL) {
            return new FunctionCredentials(mode, Optional.of(entra), Optional.empty());
        }
        StsWebIdentityIssuer sts = StsWebIdentityIssuer.start(clock);
        System.setProperty("aws.endpointUrlSts", sts.issuer().toString());
        return new FunctionCredentials(mode, Optional.of(entra), Optional.of(sts));
    }

    /**
     * Makes {@code function} an identity of the organization, named {@code identity}, and returns
     * the environment variables of its credential, as the Terraform module sets them.
     *
     * @param accessKeyId the access key the function's AWS clients sign with (its role, to STS)
     * @param scopes the permissions the function's PAT or app gets in the organization
     */
    Map<String, String> provide(String function, String identity, AzureDevOpsSimulator simulator,
                                String organization, LocalCloud cloud, String accessKeyId, Set<String> scopes) {
        Map<String, String> env = new HashMap<>();
        env.put(FunctionConfig.ADO_AUTH_MODE, mode.id());
        String parameter = "/ado-ec2-lifecycle/simulate/" + function + "-" + mode.id();
        if (mode == AuthMode.PAT) {
            simulator.organization(organization).addPat(cloud.newSecret(parameter), identity, scopes);
            env.put(FunctionConfig.ADO_PAT_PARAMETER, parameter);
            return env;
        }
        EntraSimulator entra = this.entra.orElseThrow();
        simulator.trust(entra);
        ServicePrincipal app = entra.servicePrincipal(TENANT, UUID.nameUUIDFromBytes(function.getBytes()).toString());
        simulator.organization(organization).addServicePrincipal(TENANT, app.clientId(), identity, scopes);
        env.put(FunctionConfig.ENTRA_AUTHORITY_URL, entra.authority().toString());
        env.put(FunctionConfig.ENTRA_TENANT_ID, TENANT);
        env.put(FunctionConfig.ENTRA_CLIENT_ID, app.clientId());
        if (mode == AuthMode.SERVICE_PRINCIPAL) {
            app.addClientSecret(cloud.newSecret(parameter));
            env.put(FunctionConfig.ENTRA_CLIENT_SECRET_PARAMETER, parameter);
            return env;
        }
        StsWebIdentityIssuer sts = this.sts.orElseThrow();
        String role = "arn:aws:iam::" + ACCOUNT + ":role/ado-ec2-lifecycle-" + function;
        sts.grant(accessKeyId, new StsWebIdentityIssuer.Grant(role, Set.of(AUDIENCE), 300));
        app.addFederatedCredential(sts.issuer().toString(), role, AUDIENCE);
        return env;
    }

    Report.AuthSummary summary() {
        return new Report.AuthSummary(mode.id(),
                entra.map(e -> e.tokensIssued().values().stream().mapToInt(Integer::intValue).sum()).orElse(0),
                sts.map(StsWebIdentityIssuer::tokensIssued).orElse(0));
    }

    AuthMode mode() {
        return mode;
    }

    @Override
    public void close() {
        entra.ifPresent(EntraSimulator::close);
        sts.ifPresent(issuer -> {
            System.clearProperty("aws.endpointUrlSts");
            issuer.close();
        });
    }
}
