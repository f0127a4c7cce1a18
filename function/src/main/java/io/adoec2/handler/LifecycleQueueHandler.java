package io.adoec2.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.adoec2.events.sqs.SqsLifecycleEvents;
import io.adoec2.json.JsonTree;
import io.adoec2.retry.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lambda entry for the lifecycle queue: EventBridge lifecycle actions, Spot interruption
 * warnings, state changes, lifecycle hook notifications and our own re-checks. It answers with
 * the partial batch response, {@code {"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}},
 * so only the failed messages come back (and, after the queue's receive limit, go to its DLQ).
 */
public final class LifecycleQueueHandler implements RequestStreamHandler {
    private final FunctionRuntime runtime;

    public LifecycleQueueHandler() {
        this(FunctionRuntime.shared());
    }

    public LifecycleQueueHandler(FunctionRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    @SuppressWarnings("try") // the scope is entered to bind the invocation's deadline for every call inside it
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String json = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        List<String> failed;
        try (Deadline.Scope invocation = runtime.deadline(context).enter()) {
            failed = runtime.dispatch().each(SqsLifecycleEvents.parse(json), "sqs");
        } finally {
            runtime.flushMetrics("sqs");
        }
        ObjectNode response = JsonTree.object();
        ArrayNode failures = response.putArray("batchItemFailures");
        failed.forEach(messageId -> failures.addObject().put("itemIdentifier", messageId));
        output.write(JsonTree.writeBytes(response));
    }
}
