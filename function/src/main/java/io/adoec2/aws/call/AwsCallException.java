package io.adoec2.aws.call;

import java.util.Optional;
import java.util.Set;

/**
 * An AWS call that failed: the service answered with an error (its code and message are kept),
 * or it could not be reached. The message never holds request parameters or credentials.
 */
public final class AwsCallException extends RuntimeException {

    private static final Set<String> THROTTLING_CODES = Set.of(
            "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
            "RequestThrottledException", "RequestLimitExceeded", "TooManyRequestsException",
            "ProvisionedThroughputExceededException");

    private final int httpStatus;
    private final String errorCode;
    private final String requestId;

    private AwsCallException(String message, int httpStatus, String errorCode, String requestId, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.requestId = requestId;
    }

    /**
     * The service answered with an error. The request id goes into the message: it is what AWS
     * support asks for, and the only link from our log line to the service's own.
     */
    public static AwsCallException answered(String service, String action, int httpStatus,
                                            String errorCode, String errorMessage, Optional<String> requestId) {
        return new AwsCallException(service + " " + action + " failed: " + errorCode
                + " (HTTP " + httpStatus + requestId.map(id -> ", request id " + id).orElse("") + "): "
                + errorMessage, httpStatus, errorCode, requestId.orElse(null), null);
    }

    /** No usable answer: the connection failed or the answer could not be read. */
    public static AwsCallException unreachable(String service, String action, String what, Throwable cause) {
        return new AwsCallException(service + " " + action + " failed: " + what, 0, null, null, cause);
    }

    /** AWS's id of the failed request, when it answered with one. */
    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** The HTTP status of the error answer, or 0 when no answer came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The AWS error code, such as {@code ParameterNotFound}; empty when no answer came. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Throttling, a server-side fault or no answer at all: the same call may succeed later. */
    public boolean isRetryable() {
        return httpStatus == 0 || httpStatus >= 500 || isThrottling();
    }

    /**
     * The service asked us to slow down: a throttling error code, or a bare 429 (a proxy or load
     * balancer in front of the service answers that with no AWS error body).
     */
    public boolean isThrottling() {
        return httpStatus == 429 || (errorCode != null && THROTTLING_CODES.contains(errorCode));
    }
}
