package io.adoec2.azuredevops.simulator;

import java.util.Arrays;

/** One simulator seeded with organization "fabrikam", project "Fiber", environment "production", Alice's PAT. */
final class Fixture implements AutoCloseable {

    static final String ORG = "fabrikam";
    static final String PAT = "alice-pat-0123456789";
    static final String PREVIEW = "api-version=7.2-preview.1";
    static final String RELEASED = "api-version=7.1";

    final AzureDevOpsSimulator simulator;
    final SimOrganization organization;
    final SimProject project;
    final SimEnvironment environment;
    final Http alice;

    Fixture() {
        this(SimulatorOptions.defaults().withSeed(42));
    }

    Fixture(SimulatorOptions options) {
        simulator = AzureDevOpsSimulator.start(options);
        organization = simulator.organization(ORG);
        organization.addPat(PAT, "Alice");
        project = organization.project("Fiber");
        environment = project.environment("production");
        alice = Http.withPat(simulator.baseUri(), PAT);
    }

    /** /fabrikam/{project id}/_apis/distributedtask/environments/{id}/providers/virtualmachines */
    String vms() {
        return vms(environment);
    }

    String vms(SimEnvironment target) {
        return "/" + ORG + "/" + project.id() + "/_apis/distributedtask/environments/" + target.id()
                + "/providers/virtualmachines";
    }

    String environments() {
        return "/" + ORG + "/" + project.id() + "/_apis/distributedtask/environments";
    }

    String agents() {
        return "/" + ORG + "/_apis/distributedtask/pools/" + environment.poolId() + "/agents";
    }

    /** A 2048-bit RSA key pair, as an agent generates one at configuration. */
    static final java.security.KeyPair AGENT_KEY = rsa();

    static java.security.KeyPair rsa() {
        try {
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TaskAgentPublicKey JSON of a key: exponent and modulus as .NET writes byte[] (base64). */
    static String publicKeyJson(java.security.KeyPair key) {
        java.security.interfaces.RSAPublicKey rsa = (java.security.interfaces.RSAPublicKey) key.getPublic();
        return "{\"exponent\":\"" + unsignedBase64(rsa.getPublicExponent()) + "\",\"modulus\":\""
                + unsignedBase64(rsa.getModulus()) + "\"}";
    }

    private static String unsignedBase64(java.math.BigInteger value) {
        byte[] bytes = value.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;
        return java.util.Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, skip, bytes.length));
    }

    static String query(String... parameters) {
        return "?" + String.join("&", Arrays.asList(parameters));
    }

    @Override
    public void close() {
        simulator.close();
    }
}
