package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.rtcp.ReceptionReport;
import io.livegate.rtc.rtcp.SenderReport;
import org.junit.jupiter.api.Test;

class RtcpStatisticsTest {

    @Test
    void lossFractionAndWrapInReceiverReports() {
        ReceiveStatistics s = new ReceiveStatistics(90000);
        long t = 1_000_000;
        for (int i = 0; i < 100; i++) {
            int seq = (65500 + i) & 0xFFFF;
            if (i % 10 == 5) {
                continue; // 10 % loss
            }
            s.received(seq, 3000L * i, t + 33_333L * i);
        }
        ReceptionReport r = s.report(42, t + 4_000_000);
        assertThat(r.extendedHighestSequence()).isEqualTo(65536 + 63);
        assertThat(r.cumulativeLost()).isEqualTo(10);
        assertThat(r.fractionLost()).isEqualTo(25); // 10/100 * 256
        assertThat(r.jitter()).isLessThan(5); // packets arrive on their timestamps
        // The next interval has no loss.
        s.received(64, 3000L * 100, t + 33_333L * 100);
        assertThat(s.report(42, t + 5_000_000).fractionLost()).isZero();
    }

    @Test
    void jitterGrowsWithIrregularArrival() {
        ReceiveStatistics s = new ReceiveStatistics(90000);
        for (int i = 0; i < 200; i++) {
            s.received(i, 3000L * i, 33_333L * i + (i % 2 == 0 ? 0 : 10_000)); // ±10 ms
        }
        assertThat(s.jitter()).isBetween(700L, 1000L); // ~900 ticks = 10 ms at 90 kHz
    }

    @Test
    void lsrAndDlsrEchoTheLastSenderReport() {
        ReceiveStatistics s = new ReceiveStatistics(48000);
        s.received(1, 0, 0);
        s.senderReport(0x12345678L, 1_000_000);
        ReceptionReport r = s.report(1, 1_500_000);
        assertThat(r.lastSenderReport()).isEqualTo(0x12345678L);
        assertThat(r.delaySinceLastSenderReport()).isEqualTo(32768); // 0.5 s in 1/65536 s
    }

    @Test
    void senderReportExtrapolatesTheRtpClock() {
        SendStatistics s = new SendStatistics(90000);
        assertThat(s.report(1, 0)).isNull();
        s.sent(1000, 90000, 1_767_225_600_000_000L);
        s.sent(500, 93000, 1_767_225_600_033_333L);
        SenderReport sr = s.report(7, 1_767_225_600_133_333L);
        assertThat(sr.packetCount()).isEqualTo(2);
        assertThat(sr.octetCount()).isEqualTo(1500);
        assertThat(sr.rtpTimestamp()).isEqualTo(93000 + 9000);
        assertThat(sr.ntpTimestamp() >>> 32).isEqualTo(1_767_225_600L + 2_208_988_800L);
    }
}
