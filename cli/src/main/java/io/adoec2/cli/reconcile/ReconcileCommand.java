package io.adoec2.cli.reconcile;

import io.adoec2.aws.AwsClients;
import io.adoec2.handler.FunctionConfig;
import io.adoec2.handler.FunctionRuntime;
import io.adoec2.handler.ReconcileJson;
import io.adoec2.lifecycle.reconcile.Plan;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import io.adoec2.lifecycle.reconcile.Reconciler;
import io.adoec2.observe.EventLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One reconcile pass against a real deployment, with the function's own logic and configuration
 * variables (the options override them). AWS region and credentials come from the usual places
 * (environment, profile, SSO, instance role); the PAT only ever from its SSM parameter.
 */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Run one reconcile pass against a deployment: what the scheduled reconcile function does.",
                "Options default to the function's environment variables (TABLE_NAME, ADO_ORGANIZATION_URL, "
                        + "ADO_ORGANIZATIONS, ADO_PAT_PARAMETER, RECONCILE_*). Exit 0 when the pass is complete, "
                        + "1 when something could not be looked at or done, 2 on bad configuration."})
public final class ReconcileCommand implements Callable<Integer> {
    private static final Map<String, String> OPTION_OF_VARIABLE = Map.of(
            FunctionConfig.TABLE_NAME, "--table",
            FunctionConfig.ADO_ORGANIZATION_URL, "--organization",
            FunctionConfig.ADO_ORGANIZATIONS, "--organizations",
            FunctionConfig.ADO_PAT_PARAMETER, "--pat-parameter",
            FunctionConfig.RECONCILE_ENVIRONMENTS, "--environments",
            FunctionConfig.RECONCILE_CONFIRM_MINUTES, "--confirm-minutes",
            FunctionConfig.RECONCILE_BOOT_GRACE_MINUTES, "--boot-grace-minutes");

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "plan only: print what would be done, change nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print one JSON object instead of tables")
    boolean json;

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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FunctionConfig config;
        Region awsRegion;
        try {
            config = FunctionConfig.fromEnvironment(configuration(System.getenv()));
        } catch (IllegalArgumentException e) {
            err.println("reconcile: " + withOptions(e.getMessage()));
            return 2;
        }
        try {
            awsRegion = region != null ? Region.of(region) : new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            err.println("reconcile: no AWS region: pass --region, or set AWS_REGION, or AWS_PROFILE to a profile "
                    + "that names one");
            return 2;
        }
        AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        try {
            credentials.resolveCredentials();
        } catch (SdkClientException e) {
            // The SDK's own message lists every provider of its chain and why each failed: a page, not an answer.
            // As the SDK picks the profile: its system property first, then the variable.
            String profile = System.getProperty("aws.profile", System.getenv("AWS_PROFILE"));
            err.println("reconcile: " + noCredentials(profile));
            return 2;
        }
        try (AwsClients aws = new AwsClients(awsRegion, credentials)) {
            Clock clock = Clock.systemUTC();
            Reconciler reconciler = FunctionRuntime.create(config, aws, clock, new EventLog(line -> { }, clock))
                    .reconciler();
            Plan plan = reconciler.plan();
            if (dryRun) {
                out.println(json ? ReconcileJson.plan(plan).toString() : ReconcileTables.plan(plan));
                return plan.problems().isEmpty() ? 0 : 1;
            }
            ReconcileReport report = reconciler.apply(plan);
            out.println(json ? ReconcileJson.report(report).toString() : ReconcileTables.report(report));
            return report.complete() ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("reconcile: " + e.getMessage());
            return 1;
        } finally {
            out.flush();
            err.flush();
        }
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
