package dev.parley.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a report was measured on, read from {@code /proc} and the JVM. */
public record Machine(
        int nproc,
        String cpuModel,
        long memoryBytes,
        String javaVersion,
        String os,
        long openFilesLimit,
        String loadAverage) {

    public static Machine detect() {
        String model = "unknown";
        long mem = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    model = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    mem = ProcStats.statusFieldBytes(line, "MemTotal");
                }
            }
        } catch (IOException e) {
            // not Linux: leave unknown
        }
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                model,
                mem,
                System.getProperty("java.vm.name")
                        + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                readOpenFilesLimit(),
                currentLoadAverage());
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "unknown". */
    public static String currentLoadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    /** The soft limit on open files of this process (from /proc/self/limits), or -1. */
    static long readOpenFilesLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return f[0].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(f[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return -1;
    }
}
