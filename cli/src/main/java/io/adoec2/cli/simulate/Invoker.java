package io.adoec2.cli.simulate;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Random;
import java.util.UUID;

/**
 * Delivers notifications to the handler the way Lambda invokes asynchronously: a failed
 * invocation is retried twice, a minute and then two minutes later (simulated), then given up
 * to the dead-letter target.
 */
final class Invoker {
    private static final int RETRIES = 2;

    private final RequestStreamHandler handler;
    private final SnsNotifications notifications;
    private final Clock clock;
    private final Random ids;
    private int failedDeliveries;

    Invoker(RequestStreamHandler handler, SnsNotifications notifications, Clock clock, long seed) {
        this.handler = handler;
        this.notifications = notifications;
        this.clock = clock;
        this.ids = new Random(seed ^ 0x5eed);
    }

    void deliver(String group, String instanceId, boolean launch, Timeline timeline) {
        UUID messageId = new UUID(ids.nextLong(), ids.nextLong());
        String json = launch
                ? notifications.launch(group, instanceId, clock.instant(), messageId)
                : notifications.terminate(group, instanceId, clock.instant(), messageId);
        attempt(json, 0, timeline);
    }

    int failedDeliveries() {
        return failedDeliveries;
    }

    private void attempt(String json, int retry, Timeline timeline) {
        try {
            handler.handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                    new ByteArrayOutputStream(), new LocalContext(UUID.randomUUID().toString(), "ado-ec2-lifecycle"));
        } catch (IOException | RuntimeException e) {
            if (retry < RETRIES) {
                timeline.afterSeconds(60.0 * (retry + 1), () -> attempt(json, retry + 1, timeline));
            } else {
                failedDeliveries++;
            }
        }
    }
}
