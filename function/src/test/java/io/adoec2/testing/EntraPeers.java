package io.adoec2.testing;

import io.adoec2.azuredevops.simulator.AzureDevOpsSimulator;
import io.adoec2.azuredevops.simulator.aws.StsWebIdentityIssuer;
import io.adoec2.azuredevops.simulator.entra.EntraSimulator;
import io.adoec2.azuredevops.simulator.entra.ServicePrincipal;
import io.adoec2.handler.FunctionConfig;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The Entra stand-in and the local STS web identity issuer, one each per test JVM (each on its own
 * clock, which stands still unless a test moves it), and the function environments of the two Entra modes. The function's AWS
 * clients send STS calls to the issuer ({@code aws.endpointUrlSts}); the caller's access key
 * ({@code testing}) is granted {@link #ROLE_ARN}.
 */
public final class EntraPeers {
    public static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String ROLE_ARN = "arn:aws:iam::123456789012:role/ado-ec2-lifecycle-lifecycle-queue";
    public static final String AUDIENCE = "api://AzureADTokenExchange";

    private static EntraPeers shared;

    public final MutableClock entraClock = new MutableClock(Clock.systemUTC().instant());
    public final MutableClock stsClock = new MutableClock(Clock.systemUTC().instant());
    public final EntraSimulator entra = EntraSimulator.start(entraClock);
    public final StsWebIdentityIssuer sts = StsWebIdentityIssuer.start(stsClock);

    private EntraPeers() {
        sts.grant("testing", new StsWebIdentityIssuer.Grant(ROLE_ARN, Set.of(AUDIENCE), 3600));
        System.setProperty("aws.endpointUrlSts", sts.issuer().toString());
    }

    public static synchronized EntraPeers shared() {
        if (shared == null) {
            shared = new EntraPeers();
        }
        return shared;
    }

    /** A new app in the tenant, trusted by the simulator's organizations that add it. */
    public ServicePrincipal newApp(AzureDevOpsSimulator simulator) {
        simulator.trust(entra);
        return entra.servicePrincipal(TENANT, java.util.UUID.randomUUID().toString());
    }

    /** service-principal mode with a client secret in this SSM parameter. */
    public Map<String, String> servicePrincipalEnvironment(ServicePrincipal app, String secretParameter) {
        return Map.of(FunctionConfig.ADO_AUTH_MODE, "service-principal",
                FunctionConfig.ENTRA_AUTHORITY_URL, entra.authority().toString(),
                FunctionConfig.ENTRA_TENANT_ID, app.tenantId(), FunctionConfig.ENTRA_CLIENT_ID, app.clientId(),
                FunctionConfig.ENTRA_CLIENT_SECRET_PARAMETER, secretParameter);
    }

    /** workload-identity mode: nothing stored. */
    public Map<String, String> workloadIdentityEnvironment(ServicePrincipal app) {
        return Map.of(FunctionConfig.ADO_AUTH_MODE, "workload-identity",
                FunctionConfig.ENTRA_AUTHORITY_URL, entra.authority().toString(),
                FunctionConfig.ENTRA_TENANT_ID, app.tenantId(), FunctionConfig.ENTRA_CLIENT_ID, app.clientId());
    }
}
