package io.adoec2.handler;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.SsmTokenSource;
import io.adoec2.aws.StsWebIdentityTokens;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.entra.ClientCertificateCredential;
import io.adoec2.entra.ClientCredential;
import io.adoec2.entra.ClientSecretCredential;
import io.adoec2.entra.EntraTokenSource;
import io.adoec2.entra.FederatedCredential;
import java.time.Clock;

/** The token source of the configured mode: where the functions' Azure DevOps credential comes from. */
final class AzureDevOpsTokens {

    private AzureDevOpsTokens() {
    }

    /** Builds without calling anything: the first call reads SSM, STS or Entra. */
    static TokenSource of(AuthSettings auth, AwsClients aws, RestClientSettings http) {
        return switch (auth.mode()) {
            case PAT -> new SsmTokenSource(aws.ssm(), auth.patParameter().orElseThrow(), auth.secretCacheTtl(),
                    Clock.systemUTC());
            case SERVICE_PRINCIPAL, WORKLOAD_IDENTITY -> new EntraTokenSource(auth.app().orElseThrow(),
                    credential(auth, aws), http);
        };
    }

    private static ClientCredential credential(AuthSettings auth, AwsClients aws) {
        if (auth.mode() == AuthMode.WORKLOAD_IDENTITY) {
            return new FederatedCredential(new StsWebIdentityTokens(aws.sts(), new StsWebIdentityTokens.Settings(
                    auth.federationAudience(), auth.assertionLifetime(), FunctionConfig.ENTRA_FEDERATION_AUDIENCE,
                    FunctionConfig.ENTRA_ASSERTION_SECONDS)), FunctionConfig.ENTRA_FEDERATION_AUDIENCE,
                    FunctionConfig.ENTRA_ASSERTION_SECONDS);
        }
        if (auth.clientSecretParameter().isPresent()) {
            String parameter = auth.clientSecretParameter().get();
            return new ClientSecretCredential(new SsmTokenSource(aws.ssm(), parameter, auth.secretCacheTtl(),
                    Clock.systemUTC()), FunctionConfig.ENTRA_CLIENT_SECRET_PARAMETER + " (SSM parameter " + parameter
                    + ")");
        }
        String parameter = auth.clientCertificateParameter().orElseThrow();
        return new ClientCertificateCredential(new SsmTokenSource(aws.ssm(), parameter, auth.secretCacheTtl(),
                Clock.systemUTC()), FunctionConfig.ENTRA_CLIENT_CERTIFICATE_PARAMETER + " (SSM parameter "
                + parameter + ")", Clock.systemUTC());
    }
}
