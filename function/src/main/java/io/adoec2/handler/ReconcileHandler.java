package io.adoec2.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.adoec2.events.MalformedEventException;
import io.adoec2.events.schedule.ScheduledEvent;
import io.adoec2.json.JsonTree;
import io.adoec2.lifecycle.reconcile.ReconcileReport;
import io.adoec2.retry.Deadline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lambda entry for the reconciler, invoked by an EventBridge schedule. It answers the pass as
 * JSON ({@link ReconcileJson}) and fails the invocation when the pass is incomplete (an
 * environment could not be listed, an action failed), so the function's error metric shows it;
 * a retried pass is harmless.
 */
public final class ReconcileHandler implements RequestStreamHandler {
    private final FunctionRuntime runtime;
    private final ReconcileLog log;

    /** Used by Lambda: configuration from the environment, clients built once per container. */
    public ReconcileHandler() {
        this(FunctionRuntime.shared());
    }

    public ReconcileHandler(FunctionRuntime runtime) {
        this.runtime = runtime;
        this.log = new ReconcileLog(runtime.log());
    }

    @Override
    @SuppressWarnings("try") // the scope is entered to bind the invocation's deadline for every call inside it
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ScheduledEvent event;
        try {
            event = ScheduledEvent.parse(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        } catch (MalformedEventException e) {
            log.malformed(e.getMessage(), e.field());
            throw e;
        }
        ReconcileReport report;
        try (Deadline.Scope invocation = runtime.deadline(context).enter()) {
            report = runtime.reconciler().run();
        } catch (RuntimeException e) {
            log.failed(e, event);
            throw e;
        } finally {
            runtime.flushMetrics("schedule");
        }
        log.report(report, event);
        output.write(JsonTree.writeBytes(ReconcileJson.report(report)));
        if (!report.complete()) {
            throw new ReconcileIncompleteException(report);
        }
    }
}
