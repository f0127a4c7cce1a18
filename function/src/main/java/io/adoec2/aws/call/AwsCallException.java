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

    private AwsCallException(String message, int httpStatus, String errorCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The service answered with an error. */
    public static AwsCallException answered(String service, String action, int httpStatus,
                                            String errorCode, String errorMessage) {
        return new AwsCallException(service + " " + action + " failed: " + errorCode
                + " (HTTP " + httpStatus + "): " + errorMessage, httpStatus, errorCode, null);
    }

    /** No usable answer: the connection failed or the answer could not be read. */
    public static AwsCallException unreachable(String service, String action, String what, Throwable cause) {
        return new AwsCallException(service + " " + action + " failed: " + what, 0, null, cause);
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
        return httpStatus == 0 || httpStatus >= 500 || THROTTLING_CODES.contains(errorCode);
    }
}
