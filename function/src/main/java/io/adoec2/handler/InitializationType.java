package io.adoec2.handler;

import java.util.Map;

/**
 * How Lambda started this execution environment, from {@code AWS_LAMBDA_INITIALIZATION_TYPE}: one
 * of {@code on-demand}, {@code provisioned-concurrency} or {@code snap-start} (Lambda developer
 * guide, "Defined runtime environment variables", docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html).
 * The java21 runtime's client calls the CRaC hooks only when the value is exactly {@code snap-start}
 * (aws/aws-lambda-java-libs, aws-lambda-java-runtime-interface-client 2.10.1, {@code AWSLambda}:
 * {@code INIT_TYPE_SNAP_START.equals(AWS_LAMBDA_INITIALIZATION_TYPE)} before {@code beforeCheckpoint}),
 * so under any other value, or none (simulate, tests), a registered hook would never run.
 */
final class InitializationType {
    static final String VARIABLE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    static final String SNAP_START = "snap-start";

    private InitializationType() {}

    /** Whether Lambda will snapshot this environment after init: only then is priming worth registering. */
    static boolean takesSnapshot(Map<String, String> environment) {
        return SNAP_START.equals(environment.get(VARIABLE));
    }
}
