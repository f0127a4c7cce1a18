package io.adoec2.lambdait;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.testing.Fixtures;
import io.adoec2.testing.Fixtures.SqsMessage;
import io.adoec2.testing.TerraformFunctions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function the Terraform module wires up, read from functions.json, starts in the Lambda
 * runtime from the deployed jar with its handler string, memory, timeout and variables, and
 * answers an event of its source. A handler string that does not resolve fails here.
 */
class EveryFunctionInLambdaTest {
    private static final TerraformFunctions TERRAFORM = TerraformFunctions.load();

    static List<TerraformFunctions.Function> functions() {
        return TERRAFORM.all();
    }

    /** An event its source sends that asks for no work, and the answer that source expects. */
    private record Exchange(String event, String answer) {}

    private static Exchange exchangeFor(String source) {
        Map<String, String> values = Map.of("messageId", UUID.randomUUID().toString(), "group", "web-asg",
                "eventId", UUID.randomUUID().toString(), "time", Instant.now().toString());
        return switch (source) {
            case "sns" -> new Exchange(Fixtures.event("sns/test-notification.json", values), "{}");
            case "sqs" -> new Exchange(Fixtures.sqsBatch(List.of(new SqsMessage(UUID.randomUUID().toString(),
                    Fixtures.event("autoscaling/hook-test-notification.json", values)))), "{\"batchItemFailures\":[]}");
            case "schedule" -> new Exchange(Fixtures.event("schedule/scheduled-event.json", values), null);
            default -> throw new IllegalStateException("functions.json names event source '" + source
                    + "', for which this test has no event");
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void startsFromTheDeployedJarAndAnswersAnEventOfItsSource(TerraformFunctions.Function function) {
        Exchange exchange = exchangeFor(function.source());
        LambdaEmulator lambda = EmulatedFunctions.running(function.key());

        Invocation invocation = lambda.invoke(exchange.event());

        assertThat(invocation.status()).isEqualTo(200);
        assertThat(invocation.errorType()).as("%s answered %s; emulator output:%n%s", function.handler(),
                invocation.body(), lambda.tail()).isEmpty();
        if (exchange.answer() != null) {
            assertThat(invocation.body()).isEqualTo(exchange.answer());
        }
        assertThat(lambda.reports().reports()).last().satisfies(report ->
                assertThat(report.memoryMb()).as("memory, from functions.json").isEqualTo(function.memory()));
    }

    /** A missing variable fails the function's start with the sentence that names it, as Lambda reports init errors. */
    @Test
    void aMissingVariableFailsTheStartNamingIt() {
        TerraformFunctions.Function queue = TERRAFORM.function("lifecycle-queue");
        try (LambdaEmulator lambda = new EmulatedFunctions(LocalPeers.shared()).start(queue,
                ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS, Map.of("TABLE_NAME", " "))) {

            Invocation invocation = lambda.invoke(exchangeFor("sqs").event());

            assertThat(invocation.errorType()).as(invocation.body()).isPresent().get().asString()
                    .doesNotContain("ExceptionInInitializerError");
            assertThat(invocation.json().path("errorMessage").asText()).as(invocation.body())
                    .contains("TABLE_NAME is not set");
        }
    }
}
