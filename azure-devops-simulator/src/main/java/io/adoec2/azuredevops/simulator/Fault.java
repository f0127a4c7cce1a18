package io.adoec2.azuredevops.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * What goes wrong with one operation. Each request rolls once, from the simulator's seeded random:
 * first whether to drop the connection, then whether to fail with {@code errorStatus}.
 *
 * @param errorRate   share of requests (0..1) answered with {@code errorStatus} and an Azure DevOps error body
 * @param errorStatus the status of those failures (e.g. 500, 503)
 * @param latency     added before every response of the operation
 * @param dropRate    share of requests (0..1) whose connection is closed without any response
 */
public record Fault(double errorRate, int errorStatus, Duration latency, double dropRate) {

    public Fault {
        requireShare("errorRate", errorRate);
        requireShare("dropRate", dropRate);
        if (errorStatus < 400 || errorStatus > 599) {
            throw new IllegalArgumentException("errorStatus must be a 4xx or 5xx status, was " + errorStatus);
        }
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, was " + latency);
        }
    }

    public static Fault errors(double rate, int status) {
        return new Fault(rate, status, Duration.ZERO, 0);
    }

    public static Fault latency(Duration latency) {
        return new Fault(0, 500, latency, 0);
    }

    public static Fault drops(double rate) {
        return new Fault(0, 500, Duration.ZERO, rate);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
