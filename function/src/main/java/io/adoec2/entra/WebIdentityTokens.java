package io.adoec2.entra;

import io.adoec2.azuredevops.Secret;

/** Where a federated credential's assertion comes from: a JWT another issuer signed for this workload. */
public interface WebIdentityTokens {
    /** A fresh JWT. */
    Secret token();

    /** What it is and which settings shape it, for messages. */
    String describe();
}
