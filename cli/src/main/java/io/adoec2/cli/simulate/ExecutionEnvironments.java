package io.adoec2.cli.simulate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.adoec2.handler.FunctionRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * The execution environments of one Lambda function, as Lambda scales it: an invocation runs in an
 * environment that is idle at its start, or in a new one (a cold start: fresh caches, a fresh Azure
 * DevOps client and its pacing) when all are busy. An environment runs one invocation at a time, so
 * what one invocation waits for holds up only later invocations in the same environment, and one
 * whose invocation died is thrown away, as Lambda resets it.
 */
final class ExecutionEnvironments {
    private static final class Environment {
        final FunctionRuntime runtime;
        final Map<Function<FunctionRuntime, RequestStreamHandler>, RequestStreamHandler> handlers = new HashMap<>();
        Instant idleFrom = Instant.MIN;

        Environment(FunctionRuntime runtime) {
            this.runtime = runtime;
        }
    }

    private final IntFunction<FunctionRuntime> start;
    private final VirtualClock clock;
    private final List<Environment> environments = new ArrayList<>();
    private int started;

    /** @param start makes the runtime of the n-th environment started (0, 1, ...) */
    ExecutionEnvironments(IntFunction<FunctionRuntime> start, VirtualClock clock) {
        this.start = start;
        this.clock = clock;
    }

    /** One entry point of the function (e.g. {@code LifecycleQueueHandler::new}), run in these environments. */
    RequestStreamHandler handler(Function<FunctionRuntime, RequestStreamHandler> entryPoint) {
        return (input, output, context) -> invoke(entryPoint, input, output, context);
    }

    private void invoke(Function<FunctionRuntime, RequestStreamHandler> entryPoint, InputStream input,
                        OutputStream output, Context context) throws IOException {
        Instant now = clock.instant();
        Environment environment = environments.stream().filter(e -> !e.idleFrom.isAfter(now)).findFirst()
                .orElseGet(this::startOne);
        environment.idleFrom = Instant.MAX;
        try {
            environment.handlers.computeIfAbsent(entryPoint, entry -> entry.apply(environment.runtime))
                    .handleRequest(input, output, context);
        } catch (InvocationDied died) {
            environments.remove(environment);
            throw died;
        } finally {
            environment.idleFrom = clock.instant();
        }
    }

    private Environment startOne() {
        Environment environment = new Environment(start.apply(started++));
        environments.add(environment);
        return environment;
    }
}
