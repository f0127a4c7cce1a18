package io.adoec2.cli.simulate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Simulated time: hours of Auto Scaling activity run in seconds, and the same seed gives the
 * same run. The timeline moves it forward. An invocation that waits (a slow answer, a
 * Retry-After) sees its own time move on by what it waited, as a Lambda invocation does, while
 * the rest of the world goes on at the timeline's pace: invocations run side by side in AWS, so
 * one invocation's waiting holds up no other. Its waiting ends with it.
 */
final class VirtualClock extends Clock {
    private Instant now;
    private Duration waited = Duration.ZERO;

    VirtualClock(Instant start) {
        this.now = start;
    }

    /** The timeline's time moves on (never back). */
    synchronized void advanceTo(Instant time) {
        if (time.isAfter(now)) {
            now = time;
        }
    }

    /** The invocation now running waits this long. */
    synchronized void pass(Duration duration) {
        waited = waited.plus(duration);
    }

    /** The invocation ended: time is the timeline's again. */
    synchronized void invocationEnded() {
        waited = Duration.ZERO;
    }

    synchronized Duration elapsedSince(Instant start) {
        return Duration.between(start, now);
    }

    @Override
    public synchronized Instant instant() {
        return now.plus(waited);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("simulated time is UTC");
    }
}
