package io.adoec2.aws.sign;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What a signature is valid for: the request's date (UTC), region and service, in the form
 * {@code 20150830/us-east-1/iam/aws4_request}, with the request time in the ISO 8601 basic form
 * SigV4 sends as {@code X-Amz-Date}.
 */
record CredentialScope(String amzDate, String date, String region, String service) {
    // ISO 8601 basic format, UTC, seconds: what X-Amz-Date carries ("Elements of an AWS API request signature").
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    static CredentialScope of(Instant time, String region, String service) {
        String amzDate = AMZ_DATE.format(time);
        return new CredentialScope(amzDate, amzDate.substring(0, 8), region, service);
    }

    @Override
    public String toString() {
        return date + "/" + region + "/" + service + "/aws4_request";
    }
}
