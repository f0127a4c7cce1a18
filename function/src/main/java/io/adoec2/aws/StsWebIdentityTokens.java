package io.adoec2.aws;

import io.adoec2.aws.call.AwsCallException;
import io.adoec2.aws.call.AwsOperation;
import io.adoec2.aws.call.AwsQueryCall;
import io.adoec2.aws.call.XmlNode;
import io.adoec2.azuredevops.Secret;
import io.adoec2.entra.WebIdentityTokens;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The function role's signed JWT from STS {@code GetWebIdentityToken} (IAM outbound identity
 * federation; STS API reference, 2011-06-15 API): Query protocol at the regional endpoint, one
 * audience, RS256, a short lifetime. A fresh token per exchange, since Entra accepts each only
 * while it is valid and nothing is gained by keeping it.
 */
public final class StsWebIdentityTokens implements WebIdentityTokens {

    /** The settings that a refusal points at (the function's environment variables). */
    public record Settings(String audience, Duration lifetime, String audienceSetting, String lifetimeSetting) {
        public Settings {
            long seconds = lifetime.toSeconds();
            if (seconds < 60 || seconds > 3600) {
                throw new IllegalArgumentException(lifetimeSetting + " must be 60 to 3600 seconds (GetWebIdentityToken's"
                        + " DurationSeconds), not " + seconds);
            }
            if (audience == null || audience.isBlank() || audience.length() > 1000) {
                throw new IllegalArgumentException(audienceSetting + " must be 1 to 1000 characters");
            }
        }
    }

    private final AwsQueryCall sts;
    private final Settings settings;

    public StsWebIdentityTokens(AwsQueryCall sts, Settings settings) {
        this.sts = sts;
        this.settings = settings;
    }

    @Override
    public Secret token() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("Audience.member.1", settings.audience());
        parameters.put("SigningAlgorithm", "RS256");
        parameters.put("DurationSeconds", Long.toString(settings.lifetime().toSeconds()));
        XmlNode answer;
        try {
            answer = sts.call(AwsOperation.STS_GET_WEB_IDENTITY_TOKEN, parameters);
        } catch (AwsCallException e) {
            throw new IllegalStateException(explain(e), e);
        }
        return answer.child("GetWebIdentityTokenResult").flatMap(result -> result.text("WebIdentityToken"))
                .filter(token -> !token.isBlank())
                .map(Secret::of)
                .orElseThrow(() -> new IllegalStateException("STS GetWebIdentityToken answered without a token"));
    }

    @Override
    public String describe() {
        return "the function role's web identity token from STS GetWebIdentityToken (audience '"
                + settings.audience() + "', " + settings.audienceSetting() + ")";
    }

    private String explain(AwsCallException e) {
        String code = e.errorCode().orElse("");
        if (code.startsWith("OutboundWebIdentityFederationDisabled")) {
            return "outbound identity federation is not enabled for this AWS account: enable it once (IAM"
                    + " EnableOutboundWebIdentityFederation, or the Terraform module's"
                    + " enable_outbound_identity_federation) before using workload-identity mode (" + e.getMessage() + ")";
        }
        if (code.equals("AccessDenied") || code.equals("AccessDeniedException")) {
            return "the function's role may not call sts:GetWebIdentityToken for audience '" + settings.audience()
                    + "' and " + settings.lifetime().toSeconds() + " seconds: " + settings.audienceSetting() + " and "
                    + settings.lifetimeSetting() + " must match the role policy's sts:IdentityTokenAudience and"
                    + " sts:DurationSeconds conditions (" + e.getMessage() + ")";
        }
        if (code.startsWith("SessionDurationEscalation")) {
            return settings.lifetimeSetting() + " (" + settings.lifetime().toSeconds() + " s) outlives the role"
                    + " session; lower it (" + e.getMessage() + ")";
        }
        return "cannot get a web identity token from STS: " + e.getMessage();
    }
}
