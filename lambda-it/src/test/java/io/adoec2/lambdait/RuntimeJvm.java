package io.adoec2.lambdait;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The function's runtime JVM, the process the emulator started, read from outside while it
 * runs: its processor time, its peak resident memory ({@code VmHWM} of {@code /proc/PID/status})
 * and the classes it has loaded, from the performance counters every HotSpot JVM publishes in
 * {@code /tmp/hsperfdata_USER/PID} unless started with {@code -XX:-UsePerfData} (what
 * {@code jstat -class} reads). Nothing is added to the JVM's command line, so measuring does not
 * change what is measured.
 */
record RuntimeJvm(ProcessHandle process) {
    /** The layout of the counters file: HotSpot's perfMemory.hpp (PerfDataPrologue, PerfDataEntry). */
    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE_BYTE_ORDER = 4;
    private static final int PROLOGUE_ENTRY_OFFSET = 24;
    private static final int PROLOGUE_NUM_ENTRIES = 28;
    private static final byte LITTLE_ENDIAN = 1;

    /** The emulator's child that runs java: the runtime interface client and the function. */
    static Optional<RuntimeJvm> of(Process emulator) {
        return emulator.descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst()
                .map(RuntimeJvm::new);
    }

    Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The most resident memory the process has had so far, in KB; empty where /proc does not say. */
    OptionalLong peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").strip()));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // The process ended, or a kernel without the field: not measured.
        }
        return OptionalLong.empty();
    }

    /**
     * Classes loaded so far, from the class archive and otherwise ({@code java.cls.sharedLoadedClasses}
     * plus {@code java.cls.loadedClasses}, as {@code jstat -class} counts them); empty without counters.
     */
    OptionalLong classesLoaded() {
        Path counters = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(process.pid()));
        ByteBuffer data;
        try {
            data = ByteBuffer.wrap(Files.readAllBytes(counters));
        } catch (IOException absent) {
            return OptionalLong.empty();
        }
        if (data.remaining() < 32 || data.getInt(0) != MAGIC) {
            return OptionalLong.empty();
        }
        data.order(data.get(PROLOGUE_BYTE_ORDER) == LITTLE_ENDIAN ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long loaded = -1;
        long shared = -1;
        int entry = data.getInt(PROLOGUE_ENTRY_OFFSET);
        int entries = data.getInt(PROLOGUE_NUM_ENTRIES);
        for (int i = 0; i < entries && entry > 0 && entry + 20 <= data.limit(); i++) {
            int length = data.getInt(entry);
            String name = name(data, entry + data.getInt(entry + 4));
            byte type = data.get(entry + 12);
            if (type == 'J' && data.getInt(entry + 8) == 0) {
                long value = data.getLong(entry + data.getInt(entry + 16));
                if (name.equals("java.cls.loadedClasses")) {
                    loaded = value;
                } else if (name.equals("java.cls.sharedLoadedClasses")) {
                    shared = value;
                }
            }
            if (length <= 0) {
                break;
            }
            entry += length;
        }
        return loaded < 0 ? OptionalLong.empty() : OptionalLong.of(loaded + Math.max(shared, 0));
    }

    private static String name(ByteBuffer data, int start) {
        int end = start;
        while (end < data.limit() && data.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        data.get(start, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
