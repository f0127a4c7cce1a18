package io.adoec2.lambdait;

import io.adoec2.testing.TerraformFunctions;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The environment a function's runtime gets, as Lambda builds it from the Terraform module: the
 * variables Lambda itself sets (name, memory, timeout, region, credentials), exactly the
 * variables functions.json lists with this test's value for each, and JAVA_TOOL_OPTIONS.
 */
final class FunctionEnvironment {
    private FunctionEnvironment() {}

    static Map<String, String> of(TerraformFunctions terraform, TerraformFunctions.Function function,
                                  LocalPeers peers, String javaToolOptions) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + terraform.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", function.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memory()));
        env.put("AWS_LAMBDA_FUNCTION_TIMEOUT", Integer.toString(function.timeout()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "emulator");
        env.putAll(peers.awsVariables());
        env.putAll(listedVariables(terraform, peers.functionVariables()));
        env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        return env;
    }

    /**
     * The names functions.json lists, each with its value (null: unset, as main.tf leaves it in this mode); a
     * name without a value, or a value for an unlisted name, is drift.
     */
    private static Map<String, String> listedVariables(TerraformFunctions terraform, Map<String, String> values) {
        Set<String> unlisted = new LinkedHashSet<>(values.keySet());
        terraform.environment().forEach(unlisted::remove);
        Set<String> missing = new LinkedHashSet<>(terraform.environment());
        missing.removeAll(values.keySet());
        if (!missing.isEmpty() || !unlisted.isEmpty()) {
            throw new IllegalStateException(TerraformFunctions.FILE + " and the Lambda tests disagree: listed without"
                    + " a test value " + missing + " (add them to LocalPeers.functionVariables, as main.tf's"
                    + " environment_values has them); test values for names it does not list " + unlisted);
        }
        // A null value is a variable main.tf sets to null in this mode: Lambda's environment then lacks it.
        Map<String, String> listed = new HashMap<>();
        terraform.environment().stream().filter(name -> values.get(name) != null)
                .forEach(name -> listed.put(name, values.get(name)));
        return listed;
    }
}
