package io.adoec2.azuredevops;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.json.JsonTree;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns a failed call into the port's exceptions. Messages name the operation, the status and
 * what Azure DevOps said (its {@code typeKey} and {@code message}); a body that is not Azure
 * DevOps' JSON error (an HTML sign-in page, a proxy's page) is left out rather than echoed.
 * Whatever text ends up in a message is scrubbed of the token as a last line of defence.
 */
final class ErrorDecoder {
    private static final int MAX_DETAIL = 400;

    private ErrorDecoder() {}

    static AzureDevOpsException fromStatus(Operation operation, int status, String body, int attempts, Secret token) {
        String text = operation.id() + " failed with HTTP " + status + detail(body) + attemptsNote(attempts);
        text = scrub(text, token);
        AzureDevOpsException e = switch (status) {
            case 404 -> new NotFoundException(operation.id(), text);
            case 401 -> new AuthenticationException(operation.id(), status, text);
            default -> new AzureDevOpsException(operation.id(), status, text);
        };
        return e.withErrorType(typeKey(body));
    }

    /** The {@code typeKey} of an Azure DevOps error body, when the body is one. */
    static Optional<String> typeKey(String body) {
        if (body == null || body.isBlank() || body.stripLeading().charAt(0) != '{') {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonTree.parse(body).path("typeKey").asText("")).filter(t -> !t.isBlank());
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The credentials were refused, even after reading the token again. */
    static AuthenticationException refused(Operation operation, int status, String body, Secret token, String origin) {
        return refused(operation, status, body, token, AuthScheme.BASIC_PAT, origin);
    }

    /** The same, worded for the kind of credential that was refused and where it came from. */
    static AuthenticationException refused(Operation operation, int status, String body, Secret token,
                                           AuthScheme scheme, String origin) {
        String credential = scheme == AuthScheme.BEARER
                ? "the Entra access token of " + origin : "the personal access token from " + origin;
        String again = scheme == AuthScheme.BEARER ? "getting a new one" : "reading it again";
        String reason = status == 401
                ? credential + " was refused (HTTP 401) after " + again
                : "Azure DevOps answered with its sign-in page (HTTP " + status + "), so " + credential
                        + " was not accepted, also after " + again;
        if (scheme == AuthScheme.BEARER) {
            reason += "; the service principal must be a user of the organization (with an access level) and may"
                    + " use the project and its environments";
        }
        return new AuthenticationException(operation.id(), status,
                scrub(operation.id() + " failed: " + reason + detail(body), token));
    }

    static AzureDevOpsException noAnswer(Operation operation, IOException failure, int attempts, Secret token) {
        String cause = failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
        String text = operation.id() + " failed: no answer from Azure DevOps (" + cause + ")" + attemptsNote(attempts);
        return new AzureDevOpsException(operation.id(), 0, scrub(text, token), failure);
    }

    static AzureDevOpsException retryAfterTooLong(Operation operation, int status, long seconds, Secret token) {
        return new AzureDevOpsException(operation.id(), status, scrub(operation.id() + " failed with HTTP " + status
                + ": Azure DevOps asked to retry after " + seconds + " s, longer than this client waits", token));
    }

    /** ", typeKey: message" from an Azure DevOps error body, or nothing when there is none. */
    static String detail(String body) {
        if (body == null || body.isBlank() || body.stripLeading().charAt(0) != '{') {
            return "";
        }
        try {
            JsonNode error = JsonTree.parse(body);
            String message = error.path("message").asText("");
            String typeKey = error.path("typeKey").asText("");
            if (message.isBlank() && typeKey.isBlank()) {
                return "";
            }
            String detail = (typeKey.isBlank() ? "" : typeKey + ": ") + message.strip();
            return ", " + (detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "…" : detail);
        } catch (IOException notJson) {
            return "";
        }
    }

    private static String attemptsNote(int attempts) {
        return attempts > 1 ? " (after " + attempts + " attempts)" : "";
    }

    private static String scrub(String text, Secret token) {
        return text.replace(token.reveal(), "[redacted]");
    }
}
