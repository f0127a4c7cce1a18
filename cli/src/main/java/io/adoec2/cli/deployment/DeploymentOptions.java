package io.adoec2.cli.deployment;

import io.adoec2.aws.AwsClients;
import io.adoec2.handler.FunctionConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import picocli.CommandLine.Option;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * How an operator command reaches a deployment: the functions' own configuration variables, each
 * overridden by its option, and AWS from the usual places (environment, profile, SSO, instance
 * role). The PAT is only ever read from its SSM parameter. Shared by every command that talks to
 * a real deployment, so they all take the same options.
 */
public final class DeploymentOptions {
    private static final Map<String, String> OPTION_OF_VARIABLE = Map.of(
            FunctionConfig.TABLE_NAME, "--table",
            FunctionConfig.ADO_ORGANIZATION_URL, "--organization",
            FunctionConfig.ADO_ORGANIZATIONS, "--organizations",
            FunctionConfig.ADO_PAT_PARAMETER, "--pat-parameter",
            FunctionConfig.RECONCILE_ENVIRONMENTS, "--environments",
            FunctionConfig.RECONCILE_CONFIRM_MINUTES, "--confirm-minutes",
            FunctionConfig.RECONCILE_BOOT_GRACE_MINUTES, "--boot-grace-minutes");

    @Option(names = "--table", paramLabel = "NAME", description = "DynamoDB table of registration records (TABLE_NAME)")
    String table;

    @Option(names = "--organization", paramLabel = "ORG", description = "default organization, name or URL (ADO_ORGANIZATION_URL)")
    String organization;

    @Option(names = "--organizations", paramLabel = "ORGS", description = "further organizations, comma-separated (ADO_ORGANIZATIONS)")
    String organizations;

    @Option(names = "--pat-parameter", paramLabel = "NAME", description = "SSM SecureString parameter holding the PAT (ADO_PAT_PARAMETER)")
    String patParameter;

    @Option(names = "--environments", paramLabel = "LIST", description = "org/project/environment entries to reconcile even without records (RECONCILE_ENVIRONMENTS)")
    String environments;

    @Option(names = "--confirm-minutes", paramLabel = "N", description = "least minutes between the two sightings of an instance gone (RECONCILE_CONFIRM_MINUTES)")
    String confirmMinutes;

    @Option(names = "--boot-grace-minutes", paramLabel = "N", description = "minutes an instance may take to register (RECONCILE_BOOT_GRACE_MINUTES)")
    String bootGraceMinutes;

    @Option(names = "--region", description = "AWS region; otherwise AWS_REGION, the profile, or the instance's region")
    String region;

    /**
     * The configuration, or an {@link IllegalArgumentException} naming every setting that is wrong,
     * each by its option and its variable.
     */
    public FunctionConfig config() {
        try {
            return FunctionConfig.fromEnvironment(configuration(System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(withOptions(e.getMessage()), e);
        }
    }

    /**
     * AWS clients for the region, with credentials that resolve; an {@link IllegalArgumentException}
     * saying in one line what to set when no region or no credentials can be found.
     */
    public AwsClients aws() {
        Region awsRegion;
        try {
            awsRegion = region != null ? Region.of(region) : new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("no AWS region: pass --region, or set AWS_REGION, or AWS_PROFILE to a "
                    + "profile that names one");
        }
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            // The SDK's own message lists every provider of its chain and why each failed: a page, not an answer.
            // As the SDK picks the profile: its system property first, then the variable.
            throw new IllegalArgumentException(noCredentials(System.getProperty("aws.profile",
                    System.getenv("AWS_PROFILE"))));
        }
        return new AwsClients(awsRegion.id(), new SdkCredentials(credentials));
    }

    private static String noCredentials(String profile) {
        if (profile != null && !profile.isBlank()) {
            return "no AWS credentials from the profile '" + profile + "' (AWS_PROFILE): check it in ~/.aws/config "
                    + "(for SSO run 'aws sso login --profile " + profile + "'), or unset AWS_PROFILE and set "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
        }
        return "no AWS credentials: set AWS_PROFILE (a profile in ~/.aws/config, after 'aws sso login' for SSO), "
                + "or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run where a role provides them";
    }

    /** Names each variable in a configuration problem together with the option that sets it. */
    private static String withOptions(String problem) {
        String named = problem;
        for (Map.Entry<String, String> setting : OPTION_OF_VARIABLE.entrySet()) {
            named = named.replaceAll("\\b" + setting.getKey() + "\\b",
                    Matcher.quoteReplacement(setting.getValue() + " or " + setting.getKey()));
        }
        return named;
    }

    /** The function's variables from the environment, each overridden by its option when given. */
    private Map<String, String> configuration(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>();
        for (String name : FunctionConfig.VARIABLES) {
            if (environment.get(name) != null) {
                variables.put(name, environment.get(name));
            }
        }
        override(variables, FunctionConfig.TABLE_NAME, table);
        override(variables, FunctionConfig.ADO_ORGANIZATION_URL, organization);
        override(variables, FunctionConfig.ADO_ORGANIZATIONS, organizations);
        override(variables, FunctionConfig.ADO_PAT_PARAMETER, patParameter);
        override(variables, FunctionConfig.RECONCILE_ENVIRONMENTS, environments);
        override(variables, FunctionConfig.RECONCILE_CONFIRM_MINUTES, confirmMinutes);
        override(variables, FunctionConfig.RECONCILE_BOOT_GRACE_MINUTES, bootGraceMinutes);
        return variables;
    }

    private static void override(Map<String, String> variables, String name, String option) {
        if (option != null) {
            variables.put(name, option);
        }
    }
}
