package io.adoec2.testing;

import io.adoec2.aws.AwsClients;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.CredentialsSource;
import io.adoec2.localaws.MotoServer;
import java.util.UUID;

/**
 * The AWS clients every adapter test uses: pointed at the JVM's shared moto server through the
 * SDK's own endpoint override property, as {@code simulate} does. Tests share the server, so
 * each names its tables, parameters and tags uniquely instead of resetting it.
 */
public final class LocalAws {

    public static final String REGION = "eu-west-1";

    private static final CredentialsSource CREDENTIALS =
            CredentialsSource.fixed(Credentials.of("testing", "testing"));

    private static AwsClients clients;

    private LocalAws() {
    }

    public static synchronized AwsClients clients() {
        if (clients == null) {
            pointAtMoto();
            clients = new AwsClients(REGION, CREDENTIALS);
        }
        return clients;
    }

    /** Clients of their own that record every request they send; the caller closes them. */
    public static synchronized AwsClients recordingClients(AwsCallLog log) {
        pointAtMoto();
        return new AwsClients(REGION, CREDENTIALS, log);
    }

    private static void pointAtMoto() {
        System.setProperty("aws.endpointUrl", MotoServer.shared().endpoint().toString());
        // moto does not serve lifecycle actions; this endpoint does, and passes the rest on to moto.
        System.setProperty("aws.endpointUrlAutoScaling", AutoScalingEndpoint.shared().endpoint().toString());
    }

    /** A name no other test uses, within DynamoDB's and SSM's naming rules. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
