package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatsTest {
    @Test
    void cpuTimeIsUserPlusSystemEvenWhenTheNameHasSpacesAndParens() {
        String stat =
                "4242 (my (odd) java) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 12345 "
                        + "1000000 2000 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcStats.cpuNanosFromStat(stat)).isEqualTo(300L * 10_000_000L);
    }

    @Test
    void rejectsTextThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStats.cpuNanosFromStat("garbage"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStats.cpuNanosFromStat("1 (x) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusFieldsAreBytes() {
        String status = "Name:\tjava\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t12\n";
        assertThat(ProcStats.statusFieldBytes(status, "VmRSS")).isEqualTo(102400L * 1024);
        assertThat(ProcStats.statusFieldBytes(status, "VmHWM")).isEqualTo(204800L * 1024);
        assertThat(ProcStats.statusFieldBytes(status, "Threads")).isEqualTo(12);
        assertThat(ProcStats.statusFieldBytes(status, "VmSwap")).isEqualTo(-1);
    }

    @Test
    void heapInfoOfG1() {
        String g1 =
                " garbage-first heap   total 397312K, used 17946K [0x0000000687400000, 0x0000000800000000)\n"
                        + "  region size 4096K, 4 young (16384K), 0 survivors (0K)\n Metaspace       used 8938K, committed 9088K\n";
        assertThat(ProcStats.heapUsedFromHeapInfo(g1)).isEqualTo(OptionalLong.of(17946L * 1024));
        // other collectors print per-generation lines; the bench starts servers with the default G1
        String parallel =
                " PSYoungGen      total 76288K, used 3932K [0x...)\n ParOldGen       total 175104K, used 0K\n";
        assertThat(ProcStats.heapUsedFromHeapInfo(parallel)).isEmpty();
        assertThat(ProcStats.heapUsedFromHeapInfo("no heap here")).isEmpty();
    }

    @Test
    void readsThisProcess() {
        long pid = ProcessHandle.current().pid();
        assertThat(ProcStats.cpuNanos(pid)).isPositive();
        assertThat(ProcStats.statusBytes(pid, "VmRSS")).isGreaterThan(1024 * 1024);
        assertThat(ProcStats.cpuNanos(Long.MAX_VALUE)).isEqualTo(-1);
    }
}
