package io.adoec2.testing;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.call.AwsJsonCall;

/** SSM parameters made in moto through our own JSON layer, as fixtures. */
public final class SsmFixtures {
    private SsmFixtures() {}

    public static void putSecureString(AwsClients clients, String name, String value) {
        clients.ssm().call("PutParameter", AwsJsonCall.request()
                .put("Name", name).put("Value", value).put("Type", "SecureString").put("Overwrite", true));
    }
}
