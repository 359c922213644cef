package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process's CPU time and memory from Linux {@code /proc}. Parsing is separate from reading
 * so it can be tested on fixed text. Stateless, thread-safe.
 */
public final class ProcStats {
    /** USER_HZ: the unit of utime/stime; 100 on every mainstream Linux. */
    static final long CLOCK_TICKS_PER_SECOND = 100;

    private static final Pattern HEAP_USED =
            Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");

    private ProcStats() {}

    /** CPU time (user + system) in nanoseconds, or -1 if the process is gone. */
    public static long cpuNanos(long pid) {
        try {
            return cpuNanosFromStat(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return -1;
        }
    }

    /** A {@code /proc/<pid>/status} field in bytes ("VmRSS", "VmHWM"), or -1. */
    public static long statusBytes(long pid, String field) {
        try {
            return statusFieldBytes(
                    Files.readString(Path.of("/proc", Long.toString(pid), "status")), field);
        } catch (IOException e) {
            return -1;
        }
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line, in nanoseconds. */
    static long cpuNanosFromStat(String stat) {
        // the command name (field 2) may contain spaces and parentheses: fields restart after the
        // last ')'
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc stat line");
        }
        String[] f = stat.substring(close + 2).trim().split("\\s+");
        // f[0] is field 3 (state); utime is field 14, stime field 15
        if (f.length < 13) {
            throw new IllegalArgumentException("short /proc stat line");
        }
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return ticks * (1_000_000_000L / CLOCK_TICKS_PER_SECOND);
    }

    /** A "Name: 123 kB" field of a status text in bytes, or -1 if absent. */
    static long statusFieldBytes(String status, String field) {
        for (String line : status.split("\n")) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                long v = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? v * 1024 : v;
            }
        }
        return -1;
    }

    /**
     * The used heap from {@code jcmd <pid> GC.heap_info} output of G1 (the default collector), in
     * bytes.
     */
    static OptionalLong heapUsedFromHeapInfo(String heapInfo) {
        Matcher m = HEAP_USED.matcher(heapInfo);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1)) * 1024) : OptionalLong.empty();
    }
}
