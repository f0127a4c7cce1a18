package io.adoec2.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsJsonCall;
import io.adoec2.aws.call.AwsOperation;
import io.adoec2.azuredevops.Secret;
import io.adoec2.azuredevops.TokenSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A credential (the Azure DevOps PAT, or an Entra app's client secret or certificate), read from an SSM SecureString parameter and kept for a while, so a warm
 * function does not call SSM per event yet picks up a rotated PAT within the TTL (or at once
 * after {@link #refresh()}). The value never appears in a message: errors name the parameter.
 */
public final class SsmTokenSource implements TokenSource {

    public static final Duration DEFAULT_TTL = Duration.ofMinutes(5);

    private final AwsJsonCall ssm;
    private final String parameterName;
    private final Duration ttl;
    private final Clock clock;

    private Secret cached;
    private Instant cachedUntil = Instant.MIN;

    public SsmTokenSource(AwsJsonCall ssm, String parameterName) {
        this(ssm, parameterName, DEFAULT_TTL, Clock.systemUTC());
    }

    public SsmTokenSource(AwsJsonCall ssm, String parameterName, Duration ttl, Clock clock) {
        if (parameterName == null || parameterName.isBlank()) {
            throw new IllegalArgumentException("the SSM parameter name of the token must not be empty");
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("the token's cache TTL must not be negative: " + ttl);
        }
        this.ssm = ssm;
        this.parameterName = parameterName;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public synchronized Secret token() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cachedUntil)) {
            cached = read();
            cachedUntil = now.plus(ttl);
        }
        return cached;
    }

    @Override
    public synchronized void refresh() {
        cached = null;
    }

    @Override
    public String origin() {
        return "SSM parameter " + parameterName;
    }

    private Secret read() {
        JsonNode answer;
        try {
            answer = ssm.call(AwsOperation.SSM_GET_PARAMETER, AwsJsonCall.request()
                    .put("Name", parameterName)
                    .put("WithDecryption", true));
        } catch (AwsCallException e) {
            if (e.errorCode().filter("ParameterNotFound"::equals).isPresent()) {
                throw new IllegalStateException("SSM parameter " + parameterName
                        + " does not exist; it must hold the credential (the Azure DevOps PAT, or the Entra app's client secret or"
                        + " certificate) as a SecureString", e);
            }
            throw new IllegalStateException("cannot read SSM parameter " + parameterName + ": " + e.getMessage(), e);
        }
        JsonNode value = answer.path("Parameter").path("Value");
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException("SSM parameter " + parameterName + " holds no value");
        }
        return Secret.of(value.asText());
    }
}
