package io.adoec2.azuredevops.simulator;

import java.security.interfaces.RSAPublicKey;

/**
 * What a registering agent says about itself (the TaskAgent inside a VM resource body); publicKey is
 * the public half of the RSA key it signs its OAuth client assertions with, null when it sent none.
 */
record AgentSpec(String name, String version, String osDescription, int maxParallelism, RSAPublicKey publicKey) {

    static AgentSpec defaultFor(String name) {
        return new AgentSpec(name, "4.264.2", "Linux 6.1.0-1 #1 SMP x86_64", 1, null);
    }
}
