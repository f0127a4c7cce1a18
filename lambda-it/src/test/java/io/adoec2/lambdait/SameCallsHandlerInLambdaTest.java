package io.adoec2.lambdait;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.aws.DynamoDbRegistrationStore;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.localaws.MotoServer;
import io.adoec2.testing.Fixtures;
import io.adoec2.testing.LocalAws;
import io.adoec2.testing.TerraformFunctions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cold-start benchmark's same-calls yardstick (lambda-it/src/baseline SameCallsHandler), run once in
 * the emulator beside the SNS function, both with moto and the Azure DevOps simulator behind recording
 * proxies: it must make the requests the function makes before its first answer, in the same order,
 * and get the same kinds of answers, or its ratio would measure something else.
 */
class SameCallsHandlerInLambdaTest {
    private static final String FUNCTION = "asg-notifications";

    private final LocalPeers peers = LocalPeers.shared();
    private final EmulatedFunctions functions = new EmulatedFunctions(peers);
    /**
     * A table of this test's own: the records written through the proxies name the proxy as their organization,
     * which the reconcile function, reading the shared table, would rightly refuse.
     */
    private final String table = LocalAws.unique("same-calls-records");

    @Test
    void itMakesTheRequestsTheSnsFunctionMakesBeforeItsFirstAnswerAndGetsTheSameKindsOfAnswers() {
        DynamoDbRegistrationStore.createTable(peers.aws.dynamoDb(), table);
        TerraformFunctions.Function function = functions.terraform().function(FUNCTION);
        TerraformFunctions.Function sameCalls = new TerraformFunctions.Function(ColdStart.SAME_CALLS,
                ColdStart.SAME_CALLS_HANDLER, function.source(), function.memory(), function.timeout());
        try (RecordingProxy aws = RecordingProxy.to(MotoServer.shared().endpoint());
             RecordingProxy ado = RecordingProxy.to(peers.azureDevOps.organizationUrl(LocalPeers.ORGANIZATION))) {
            List<RecordingProxy.Request> functionMade = firstAnswerRequests(function,
                    functions.terraform().artifact(), aws, ado);
            aws.clear();
            ado.clear();
            List<RecordingProxy.Request> handlerMade = firstAnswerRequests(sameCalls,
                    sameCallsJar(), aws, ado);

            assertThat(functionMade).as("the SNS function's requests before its first answer").hasSize(5);
            assertThat(handlerMade).extracting(RecordingProxy.Request::route)
                    .containsExactlyElementsOf(functionMade.stream().map(RecordingProxy.Request::route).toList());
            for (int i = 0; i < handlerMade.size(); i++) {
                RecordingProxy.Request made = handlerMade.get(i);
                RecordingProxy.Request like = functionMade.get(i);
                assertThat(made.status()).as(made.route()).isBetween(200, 299);
                assertThat(made.bodyBytes()).as("body of " + made.route())
                        .isBetween(like.bodyBytes() * 9 / 10, like.bodyBytes() * 11 / 10);
                assertThat(made.answerBytes()).as("answer to " + made.route())
                        .isBetween(like.answerBytes() * 9 / 10, like.answerBytes() * 11 / 10);
            }
        }
    }

    /**
     * A cold start of {@code function} from {@code artifact} on a fresh instance's launch notification, its AWS
     * and Azure DevOps endpoints pointed at the proxies: the requests it made, in the order they came.
     */
    private List<RecordingProxy.Request> firstAnswerRequests(TerraformFunctions.Function function, Path artifact,
                                                             RecordingProxy aws, RecordingProxy ado) {
        String organization = ado.endpoint() + "/" + LocalPeers.ORGANIZATION;
        Map<String, String> through = Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(),
                FunctionConfig.ADO_ORGANIZATION_URL, organization, FunctionConfig.RECONCILE_ENVIRONMENTS,
                organization + "/" + LocalPeers.PROJECT + "/" + LocalPeers.ENVIRONMENT,
                FunctionConfig.TABLE_NAME, table);
        String event = Fixtures.event("sns/launch.json", Map.of("instanceId", peers.launchInstance(),
                "group", "web-asg", "messageId", UUID.randomUUID().toString()));
        try (LambdaEmulator lambda = functions.start(function, artifact, ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS,
                through)) {
            Invocation invocation = lambda.invoke(event);
            assertThat(invocation.errorType()).as(invocation.body()).isEmpty();
        }
        return Stream.concat(aws.requests().stream(), ado.requests().stream())
                .sorted(Comparator.comparingLong(RecordingProxy.Request::receivedNanos)).toList();
    }

    /** The handler's jar as lambda-it's build packaged it (pom.xml hands the path to the tests). */
    private static Path sameCallsJar() {
        String jar = System.getProperty(ColdStart.SAME_CALLS_JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException(ColdStart.SAME_CALLS_JAR_PROPERTY + " names no jar (" + jar
                    + "): lambda-it's build packages it at process-test-classes");
        }
        return Path.of(jar);
    }
}
