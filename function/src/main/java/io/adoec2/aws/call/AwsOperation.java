package io.adoec2.aws.call;

/**
 * Every AWS operation the function's adapters issue, each with the IAM action that allows it. The
 * adapters call AWS only through these constants, so this list is what the code calls: the
 * Terraform module's IAM for the functions is checked against it (FunctionIamTest), and a call
 * added here without its grant, or a grant the code no longer needs, fails that test.
 */
public enum AwsOperation {
    DYNAMODB_GET_ITEM(AwsService.DYNAMODB, "GetItem", Use.FUNCTIONS),
    DYNAMODB_PUT_ITEM(AwsService.DYNAMODB, "PutItem", Use.FUNCTIONS),
    DYNAMODB_SCAN(AwsService.DYNAMODB, "Scan", Use.FUNCTIONS),
    EC2_DESCRIBE_INSTANCES(AwsService.EC2, "DescribeInstances", Use.FUNCTIONS),
    AUTO_SCALING_COMPLETE_LIFECYCLE_ACTION(AwsService.AUTO_SCALING, "CompleteLifecycleAction", Use.FUNCTIONS),
    AUTO_SCALING_RECORD_LIFECYCLE_ACTION_HEARTBEAT(AwsService.AUTO_SCALING, "RecordLifecycleActionHeartbeat",
            Use.FUNCTIONS),
    AUTO_SCALING_DESCRIBE_AUTO_SCALING_INSTANCES(AwsService.AUTO_SCALING, "DescribeAutoScalingInstances",
            Use.FUNCTIONS),
    SSM_GET_PARAMETER(AwsService.SSM, "GetParameter", Use.FUNCTIONS),
    SQS_SEND_MESSAGE(AwsService.SQS, "SendMessage", Use.FUNCTIONS),
    /** Only in workload-identity mode (the module grants it then). */
    STS_GET_WEB_IDENTITY_TOKEN(AwsService.STS, "GetWebIdentityToken", Use.FUNCTIONS),

    DYNAMODB_CREATE_TABLE(AwsService.DYNAMODB, "CreateTable", Use.LOCAL_TABLE_SET_UP),
    DYNAMODB_UPDATE_TIME_TO_LIVE(AwsService.DYNAMODB, "UpdateTimeToLive", Use.LOCAL_TABLE_SET_UP),
    DYNAMODB_DESCRIBE_TABLE(AwsService.DYNAMODB, "DescribeTable", Use.LOCAL_TABLE_SET_UP);

    /** Who issues an operation. */
    public enum Use {
        /** The deployed Lambda functions. */
        FUNCTIONS,
        /**
         * Only {@code simulate} and the tests, which create the registration table in the local
         * peer; in a deployment Terraform creates it, so the functions are never granted these.
         */
        LOCAL_TABLE_SET_UP
    }

    private final AwsService service;
    private final String operationName;
    private final Use use;

    AwsOperation(AwsService service, String operationName, Use use) {
        this.service = service;
        this.operationName = operationName;
        this.use = use;
    }

    public AwsService service() {
        return service;
    }

    /** The operation's name in its API ({@code X-Amz-Target} suffix or Query {@code Action}). */
    public String operationName() {
        return operationName;
    }

    public Use use() {
        return use;
    }

    /** The IAM action that allows the operation: the service's signing name, which is its IAM prefix too. */
    public String iamAction() {
        return service.signingName() + ":" + operationName;
    }
}
