package io.adoec2.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.adoec2.aws.call.AwsOperation;
import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.TerraformIam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The functions' IAM in the Terraform module against what the code calls: the adapters issue AWS
 * operations only as {@link AwsOperation}s, and the functions' policy grants exactly those the
 * deployed functions issue, plus what Lambda itself does with the functions' role.
 */
class FunctionIamTest {

    /** Calls Lambda makes with the function's role, never the code: each with why it is needed. */
    private static final Map<String, String> LAMBDA_CALLS_WITH_THE_ROLE = Map.of(
            "logs:CreateLogStream", "the runtime writes the function's log",
            "logs:PutLogEvents", "the runtime writes the function's log",
            "xray:PutTraceSegments", "active tracing",
            "xray:PutTelemetryRecords", "active tracing",
            "sqs:ReceiveMessage", "the lifecycle queue's event source mapping",
            "sqs:DeleteMessage", "the lifecycle queue's event source mapping",
            "sqs:ChangeMessageVisibility", "the lifecycle queue's event source mapping",
            "sqs:GetQueueAttributes", "the lifecycle queue's event source mapping",
            "kms:Decrypt", "SSM, DynamoDB, SQS and Lambda decrypt with the module's key for the role",
            "kms:GenerateDataKey", "DynamoDB and SQS encrypt with the module's key for the role");

    private static final Pattern OPERATION_BY_NAME = Pattern.compile("\\.call\\(\\s*\"");

    @Test
    void theFunctionsAreGrantedExactlyWhatTheCodeCallsAndWhatLambdaDoesForThem() {
        Set<String> granted = TerraformIam.load().actionsOf("function");
        Set<String> codeCalls = actionsOf(AwsOperation.Use.FUNCTIONS);
        Set<String> expected = new HashSet<>(codeCalls);
        expected.addAll(LAMBDA_CALLS_WITH_THE_ROLE.keySet());

        assertThat(granted).as("iam.tf's function policy against AwsOperation (FUNCTIONS) and Lambda's own calls")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theLocalTableSetUpIsNeverGrantedToTheFunctions() {
        assertThat(TerraformIam.load().actionsOf("function"))
                .doesNotContainAnyElementsOf(actionsOf(AwsOperation.Use.LOCAL_TABLE_SET_UP));
    }

    @Test
    void theInstancesMayOnlyReadTheirRegistrationParameters() {
        assertThat(TerraformIam.load().actionsOf("agent_registration"))
                .containsExactlyInAnyOrder("ssm:GetParameter", "kms:Decrypt");
    }

    /** Otherwise a call could bypass the enumeration, and the IAM check above would miss it. */
    @Test
    void theFunctionCodeNamesEveryAwsOperationThroughTheEnumeration() throws IOException {
        Path sources = ProjectRoot.find().resolve("function/src/main/java");
        List<String> byName;
        try (Stream<Path> files = Files.walk(sources)) {
            byName = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> OPERATION_BY_NAME.matcher(read(file)).find())
                    .map(sources::relativize).map(Path::toString).toList();
        }
        assertThat(byName).as("function sources calling an AWS operation by its name instead of an AwsOperation")
                .isEmpty();
    }

    private static Set<String> actionsOf(AwsOperation.Use use) {
        return Arrays.stream(AwsOperation.values()).filter(operation -> operation.use() == use)
                .map(AwsOperation::iamAction).collect(Collectors.toSet());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
