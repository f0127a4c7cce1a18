package io.adoec2.lambdait;

import io.adoec2.localaws.ProjectRoot;
import io.adoec2.testing.TerraformFunctions;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Terraform module's functions started in emulators, each from the deployed artifact with the
 * handler string, memory, timeout and environment variable names of functions.json.
 */
final class EmulatedFunctions {
    private static final Map<String, LambdaEmulator> RUNNING = new HashMap<>();

    private final TerraformFunctions terraform = TerraformFunctions.load();
    private final LocalPeers peers;

    EmulatedFunctions(LocalPeers peers) {
        this.peers = peers;
    }

    TerraformFunctions terraform() {
        return terraform;
    }

    /** A fresh emulator for the caller, who must close it: a cold start of its own. */
    LambdaEmulator start(TerraformFunctions.Function function, String javaToolOptions) {
        return start(function, javaToolOptions, Map.of());
    }

    /** The same, with variables that Lambda sets in some situations only (SnapStart's init type). */
    LambdaEmulator start(TerraformFunctions.Function function, String javaToolOptions, Map<String, String> lambdaVariables) {
        return start(function, terraform.artifact(), javaToolOptions, lambdaVariables);
    }

    /** A function deployed from another artifact (the cold-start benchmark's trivial handler), in the same environment. */
    LambdaEmulator start(TerraformFunctions.Function function, Path artifact, String javaToolOptions,
                         Map<String, String> lambdaVariables) {
        Map<String, String> environment = new HashMap<>(FunctionEnvironment.of(terraform, function, peers, javaToolOptions));
        environment.putAll(lambdaVariables);
        return LambdaEmulator.start(LambdaTools.emulator(ProjectRoot.find()), function,
                TaskRoot.of(artifact), LambdaTools.runtimeClasspath(), environment);
    }

    /**
     * The function's emulator shared by every test of the JVM, with Lambda's default JAVA_TOOL_OPTIONS:
     * started once (about a second each), stopped at JVM exit.
     */
    static synchronized LambdaEmulator running(String key) {
        LambdaEmulator emulator = RUNNING.get(key);
        if (emulator == null) {
            if (RUNNING.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(EmulatedFunctions::stopAll, "lambda-emulators-stop"));
            }
            EmulatedFunctions functions = new EmulatedFunctions(LocalPeers.shared());
            emulator = functions.start(functions.terraform.function(key), ManagedRuntime.DEFAULT_JAVA_TOOL_OPTIONS);
            RUNNING.put(key, emulator);
        }
        return emulator;
    }

    private static synchronized void stopAll() {
        List.copyOf(RUNNING.values()).forEach(LambdaEmulator::close);
        RUNNING.clear();
    }
}
