package io.adoec2.azuredevops;

import java.util.Optional;

/**
 * A call to Azure DevOps that failed after the client's retries. The message names the
 * operation and what Azure DevOps answered; it never carries a credential.
 */
public class AzureDevOpsException extends RuntimeException {
    private final String operation;
    private final int status;
    /** Set by the decoder right after construction, before the exception is thrown. */
    private String errorType;

    public AzureDevOpsException(String operation, int status, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
        this.status = status;
    }

    public AzureDevOpsException(String operation, int status, String message) {
        this(operation, status, message, null);
    }

    /** The operation, as the REST spec names it (for example {@code Vmresource_Delete}). */
    public String operation() {
        return operation;
    }

    /**
     * Azure DevOps' name for the error ({@code typeKey} of its error body, such as
     * {@code ProjectDoesNotExistWithNameException}), when it answered with one.
     */
    public Optional<String> errorType() {
        return Optional.ofNullable(errorType);
    }

    AzureDevOpsException withErrorType(Optional<String> typeKey) {
        this.errorType = typeKey.orElse(null);
        return this;
    }

    /** The HTTP status, when Azure DevOps answered; empty for connection failures and timeouts. */
    public Optional<Integer> status() {
        return status > 0 ? Optional.of(status) : Optional.empty();
    }
}
