package io.adoec2.azuredevops.simulator.entra;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * A refusal of the token endpoint as Entra words it (Microsoft identity platform, "Microsoft Entra
 * authentication and authorization error codes", and the OAuth 2.0 error response of RFC 6749
 * §5.2): {@code error}, {@code error_description} starting with the AADSTS code and ending with
 * trace and correlation ids and a timestamp, {@code error_codes}, {@code timestamp},
 * {@code trace_id}, {@code correlation_id}, {@code error_uri}. invalid_client answers 401, the
 * rest 400. The descriptions paraphrase the documented messages; they never echo a secret.
 */
record AadstsError(int status, String error, int code, String message) {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    static AadstsError invalidClient(int code, String message) {
        return new AadstsError(401, "invalid_client", code, message);
    }

    static AadstsError invalidRequest(int code, String message) {
        return new AadstsError(400, "invalid_request", code, message);
    }

    static AadstsError unauthorizedClient(int code, String message) {
        return new AadstsError(400, "unauthorized_client", code, message);
    }

    ObjectNode body(Instant now) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        ObjectNode body = SigningKey.JSON.createObjectNode()
                .put("error", error)
                .put("error_description", "AADSTS" + code + ": " + message + "\r\nTrace ID: " + trace
                        + "\r\nCorrelation ID: " + correlation + "\r\nTimestamp: " + STAMP.format(now));
        body.putArray("error_codes").add(code);
        return body.put("timestamp", STAMP.format(now))
                .put("trace_id", trace)
                .put("correlation_id", correlation)
                .put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
    }
}
