package io.adoec2.azuredevops.simulator;

import java.time.Clock;
import java.util.Objects;

/**
 * How to start a simulator.
 *
 * @param port  TCP port on 127.0.0.1; 0 picks a free one
 * @param seed  seeds every random choice (GUIDs, fault rolls), so a run can be repeated exactly
 * @param clock the simulator's time: timestamps it writes and the rate limiter's windows, so tests can
 *              move time instead of sleeping
 * @param pause how an injected latency passes (a real sleep unless the caller runs in simulated time)
 */
public record SimulatorOptions(int port, long seed, Clock clock, Pause pause) {

    public SimulatorOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(pause, "pause");
    }

    public SimulatorOptions(int port, long seed, Clock clock) {
        this(port, seed, clock, Pause.sleeping());
    }

    public SimulatorOptions(int port, long seed) {
        this(port, seed, Clock.systemUTC());
    }

    public static SimulatorOptions defaults() {
        return new SimulatorOptions(0, 0L);
    }

    public SimulatorOptions withPort(int newPort) {
        return new SimulatorOptions(newPort, seed, clock, pause);
    }

    public SimulatorOptions withSeed(long newSeed) {
        return new SimulatorOptions(port, newSeed, clock, pause);
    }

    public SimulatorOptions withClock(Clock newClock) {
        return new SimulatorOptions(port, seed, newClock, pause);
    }

    public SimulatorOptions withPause(Pause newPause) {
        return new SimulatorOptions(port, seed, clock, newPause);
    }
}
