package io.adoec2.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.aws.AwsClients;
import io.adoec2.aws.sign.Credentials;
import io.adoec2.aws.sign.SigV4Signer;
import io.adoec2.azuredevops.AzureDevOpsRestClient;
import io.adoec2.azuredevops.RestClientSettings;
import io.adoec2.azuredevops.Secret;
import io.adoec2.azuredevops.TokenSource;
import io.adoec2.events.JsonFields;
import io.adoec2.observe.EventLog;
import io.adoec2.retry.Jitter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart's priming: before Lambda snapshots an initialized container, runs the handler path
 * once so its classes are loaded and initialized in the snapshot instead of at the first event
 * after every restore. Nothing here touches the network or the function's credentials (a
 * snapshot must hold neither): both handlers get canned events that need no AWS or Azure DevOps
 * call, a throwaway request is signed with throwaway keys, and an Azure DevOps client is built
 * and closed without sending anything. Registered only when Lambda will take a SnapStart snapshot
 * ({@link InitializationType}): an on-demand or provisioned init neither runs it nor loads org.crac's
 * bridge to the runtime.
 */
public final class Priming implements Resource {
    /** The message of the canned SQS batch that is not an event: the one its answer must name. */
    static final String MALFORMED_MESSAGE_ID = "00000000-0000-4000-8000-000000000005";

    private final FunctionConfig config;
    private final AwsClients aws;

    public Priming(FunctionConfig config, AwsClients aws) {
        this.config = config;
        this.aws = aws;
    }

    /** Registers a priming hook with the CRaC context Lambda checkpoints; the caller must keep it (contexts hold it weakly). */
    static Priming register(FunctionConfig config, AwsClients aws) {
        Priming priming = new Priming(config, aws);
        Core.getGlobalContext().register(priming);
        return priming;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        // Log lines of canned events would count as outcomes in the metrics: they go nowhere.
        FunctionRuntime quiet = FunctionRuntime.create(config, aws, Clock.systemUTC(),
                new EventLog(line -> { }, Clock.systemUTC()));
        primeNotificationHandler(quiet);
        primeQueueHandler(quiet);
        primeSigning();
        primeAzureDevOpsClient();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Clients connect and credentials resolve on first use, after restore. Only the jitter's
        // generator came out of the snapshot, the same in every environment restored from it.
        Jitter.shared().reseed();
    }

    private static void primeNotificationHandler(FunctionRuntime runtime) {
        String answer = invoke((in, out) -> new AsgNotificationHandler(runtime).handleRequest(in, out, null),
                "priming-sns.json");
        if (!answer.equals("{}")) {
            throw new IllegalStateException("priming: the SNS handler answered " + answer + " to a test notification");
        }
    }

    private static void primeQueueHandler(FunctionRuntime runtime) {
        JsonNode answer = JsonFields.parse(invoke((in, out) -> new LifecycleQueueHandler(runtime)
                .handleRequest(in, out, null), "priming-sqs.json"), "$");
        JsonNode failures = answer.path("batchItemFailures");
        if (failures.size() != 1 || !failures.get(0).path("itemIdentifier").asText().equals(MALFORMED_MESSAGE_ID)) {
            throw new IllegalStateException("priming: the SQS handler answered " + answer
                    + " instead of naming exactly the malformed message " + MALFORMED_MESSAGE_ID);
        }
    }

    /** SigV4 over a request that is never sent, with keys that are not the function's. */
    private void primeSigning() {
        String region = "eu-west-1";
        new SigV4Signer(region, "dynamodb").sign(URI.create("https://dynamodb." + region + ".amazonaws.com/"),
                Map.of("Content-Type", "application/x-amz-json-1.0"), "{}".getBytes(StandardCharsets.UTF_8),
                Credentials.of("PRIMING", "priming"), Instant.now());
    }

    /** Builds the HTTP client stack of Azure DevOps calls; a token asked for would mean a request was about to go out. */
    private void primeAzureDevOpsClient() {
        TokenSource refusing = new TokenSource() {
            @Override
            public Secret token() {
                throw new IllegalStateException("priming must not call Azure DevOps");
            }

            @Override
            public void refresh() {
                throw new IllegalStateException("priming must not call Azure DevOps");
            }
        };
        new AzureDevOpsRestClient(config.defaultOrganization().uri(), refusing,
                RestClientSettings.defaults().withRequestTimeout(config.azureDevOpsTimeout())).close();
    }

    private interface Invocation {
        void run(InputStream in, ByteArrayOutputStream out) throws IOException;
    }

    private static String invoke(Invocation invocation, String resource) {
        try (InputStream event = Priming.class.getResourceAsStream(resource)) {
            if (event == null) {
                throw new IllegalStateException("priming: resource " + resource + " is missing from the jar");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            invocation.run(new ByteArrayInputStream(event.readAllBytes()), out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("priming with " + resource, e);
        }
    }
}
