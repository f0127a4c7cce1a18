package io.adoec2.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.adoec2.events.sns.SnsLifecycleEvents;
import io.adoec2.retry.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lambda entry for Auto Scaling notifications delivered by SNS (the original deployment's path).
 * A failure that a retry can fix is thrown, so Lambda's asynchronous retries and the
 * function's dead-letter target take it; everything else is logged and acknowledged.
 */
public final class AsgNotificationHandler implements RequestStreamHandler {
    private final FunctionRuntime runtime;

    /** Used by Lambda: configuration from the environment, clients built once per container. */
    public AsgNotificationHandler() {
        this(FunctionRuntime.shared());
    }

    public AsgNotificationHandler(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    @SuppressWarnings("try") // the scope is entered to bind the invocation's deadline for every call inside it
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String json = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        try (Deadline.Scope invocation = runtime.deadline(context).enter()) {
            runtime.dispatch().all(SnsLifecycleEvents.parse(json), "sns");
        } finally {
            runtime.flushMetrics("sns");
        }
        output.write("{}".getBytes(StandardCharsets.UTF_8));
    }
}
