package io.adoec2.azuredevops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;

class ErrorDecoderTest {

    private static final Secret TOKEN = Secret.of("pat-PLANTED-4f1c9e");

    @Test
    void namesTheOperationStatusAndWhatAzureDevOpsSaid() {
        String body = """
                {"$id":"1","innerException":null,"message":"The environment name is invalid.",
                 "typeName":"Microsoft.TeamFoundation.DistributedTask.WebApi.EnvironmentException",
                 "typeKey":"EnvironmentException","errorCode":0,"eventId":3000}""";

        AzureDevOpsException e = ErrorDecoder.fromStatus(Operation.ENVIRONMENTS_LIST, 400, body, 1, TOKEN);

        assertThat(e).isExactlyInstanceOf(AzureDevOpsException.class)
                .hasMessage("Environments_List failed with HTTP 400, EnvironmentException: The environment name is invalid.");
        assertThat(e.operation()).isEqualTo("Environments_List");
        assertThat(e.status()).contains(400);
    }

    @Test
    void notFoundAndUnauthorizedGetTheirOwnTypes() {
        assertThat(ErrorDecoder.fromStatus(Operation.PROJECTS_GET, 404, "", 1, TOKEN))
                .isInstanceOf(NotFoundException.class).hasMessage("Projects_Get failed with HTTP 404");
        assertThat(ErrorDecoder.fromStatus(Operation.PROJECTS_GET, 401, "", 1, TOKEN))
                .isInstanceOf(AuthenticationException.class);
        assertThat(ErrorDecoder.refused(Operation.AGENTS_LIST, 203, "<html>sign in</html>", TOKEN,
                "SSM parameter /ado/pat"))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Agents_List").hasMessageContaining("sign-in page").hasMessageNotContaining("html")
                .hasMessageContaining("from SSM parameter /ado/pat");
    }

    @Test
    void theErrorTypeAzureDevOpsNamedIsKept() {
        AzureDevOpsException e = ErrorDecoder.fromStatus(Operation.PROJECTS_GET, 404, "{\"typeKey\":"
                + "\"ProjectDoesNotExistWithNameException\",\"message\":\"TF200016: The following project does not "
                + "exist: Nowhere.\"}", 1, TOKEN);

        assertThat(e.errorType()).contains("ProjectDoesNotExistWithNameException");
        assertThat(e).hasMessageContaining("Nowhere");
        assertThat(ErrorDecoder.fromStatus(Operation.PROJECTS_GET, 502, "<html/>", 1, TOKEN).errorType()).isEmpty();
    }

    @Test
    void exhaustedRetriesSaySo() {
        assertThat(ErrorDecoder.fromStatus(Operation.VMRESOURCE_DELETE, 503, "{}", 5, TOKEN))
                .hasMessage("Vmresource_Delete failed with HTTP 503 (after 5 attempts)");
        AzureDevOpsException noAnswer = ErrorDecoder.noAnswer(Operation.POOL_GET,
                new HttpTimeoutException("request timed out"), 3, TOKEN);
        assertThat(noAnswer).hasMessage("Pool_Get failed: no answer from Azure DevOps "
                + "(HttpTimeoutException: request timed out) (after 3 attempts)");
        assertThat(noAnswer.status()).isEmpty();
    }

    @Test
    void bodiesThatAreNotAzureDevOpsErrorsAreLeftOut() {
        assertThat(ErrorDecoder.detail("<html><body>Bad gateway</body></html>")).isEmpty();
        assertThat(ErrorDecoder.detail("{not json")).isEmpty();
        assertThat(ErrorDecoder.detail("{\"other\":1}")).isEmpty();
        assertThat(ErrorDecoder.detail(null)).isEmpty();
    }

    @Test
    void longMessagesAreCut() {
        String body = "{\"message\":\"" + "x".repeat(5000) + "\"}";
        assertThat(ErrorDecoder.detail(body)).hasSizeLessThan(420).endsWith("…");
    }

    @Test
    void theTokenNeverSurvivesIntoAMessage() {
        String echoing = "{\"typeKey\":\"Odd\",\"message\":\"you sent pat-PLANTED-4f1c9e\"}";

        AzureDevOpsException e = ErrorDecoder.fromStatus(Operation.AGENTS_UPDATE, 400, echoing, 1, TOKEN);
        AzureDevOpsException refused = ErrorDecoder.refused(Operation.AGENTS_UPDATE, 401, echoing, TOKEN, "SSM parameter /p");

        assertThat(e.getMessage()).doesNotContain("PLANTED").contains("[redacted]");
        assertThat(refused.getMessage()).doesNotContain("PLANTED");
    }
}
