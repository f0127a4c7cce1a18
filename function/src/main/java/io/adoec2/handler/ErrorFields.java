package io.adoec2.handler;

import io.adoec2.aws.call.AwsCallException;
import io.adoec2.azuredevops.AzureDevOpsException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a failure's log line needs as fields of its own, so that a search or a metric filter finds
 * it whatever its message says: the Azure DevOps operation, HTTP status and error type (the
 * {@code typeKey} of its error body), or the AWS error code and request id. Found along the cause
 * chain, since adapters wrap (the PAT's SSM read, for one).
 */
final class ErrorFields {
    private ErrorFields() {
    }

    static Map<String, String> of(Throwable failure) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Throwable cause = failure; cause != null && fields.isEmpty(); cause = cause.getCause()) {
            if (cause instanceof AzureDevOpsException ado) {
                fields.put("operation", ado.operation());
                ado.status().ifPresent(status -> fields.put("httpStatus", Integer.toString(status)));
                ado.errorType().ifPresent(type -> fields.put("azureDevOpsErrorType", type));
            } else if (cause instanceof AwsCallException aws) {
                if (aws.httpStatus() > 0) {
                    fields.put("httpStatus", Integer.toString(aws.httpStatus()));
                }
                aws.errorCode().ifPresent(code -> fields.put("awsErrorCode", code));
                aws.requestId().ifPresent(id -> fields.put("awsRequestId", id));
                if (fields.isEmpty()) {
                    fields.put("awsErrorCode", "NoAnswer");
                }
            }
        }
        return fields;
    }
}
