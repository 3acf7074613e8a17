package io.livegate.srt.binding;

import com.sun.jna.Structure;

/**
 * The C layout of {@code SRT_TRACEBSTATS} ({@code struct CBytePerfMon}, libsrt 1.5.1), field for field, so that JNA
 * computes the same offsets and padding as the C compiler (496 bytes on x86-64). Only read by {@link Srt#stats}.
 */
@Structure.FieldOrder({"msTimeStamp", "pktSentTotal", "pktRecvTotal", "pktSndLossTotal", "pktRcvLossTotal",
        "pktRetransTotal", "pktSentACKTotal", "pktRecvACKTotal", "pktSentNAKTotal", "pktRecvNAKTotal",
        "usSndDurationTotal", "pktSndDropTotal", "pktRcvDropTotal", "pktRcvUndecryptTotal", "byteSentTotal",
        "byteRecvTotal", "byteRcvLossTotal", "byteRetransTotal", "byteSndDropTotal", "byteRcvDropTotal",
        "byteRcvUndecryptTotal", "pktSent", "pktRecv", "pktSndLoss", "pktRcvLoss", "pktRetrans", "pktRcvRetrans",
        "pktSentACK", "pktRecvACK", "pktSentNAK", "pktRecvNAK", "mbpsSendRate", "mbpsRecvRate", "usSndDuration",
        "pktReorderDistance", "pktRcvAvgBelatedTime", "pktRcvBelated", "pktSndDrop", "pktRcvDrop",
        "pktRcvUndecrypt", "byteSent", "byteRecv", "byteRcvLoss", "byteRetrans", "byteSndDrop", "byteRcvDrop",
        "byteRcvUndecrypt", "usPktSndPeriod", "pktFlowWindow", "pktCongestionWindow", "pktFlightSize", "msRTT",
        "mbpsBandwidth", "byteAvailSndBuf", "byteAvailRcvBuf", "mbpsMaxBW", "byteMSS", "pktSndBuf", "byteSndBuf",
        "msSndBuf", "msSndTsbPdDelay", "pktRcvBuf", "byteRcvBuf", "msRcvBuf", "msRcvTsbPdDelay",
        "pktSndFilterExtraTotal", "pktRcvFilterExtraTotal", "pktRcvFilterSupplyTotal", "pktRcvFilterLossTotal",
        "pktSndFilterExtra", "pktRcvFilterExtra", "pktRcvFilterSupply", "pktRcvFilterLoss", "pktReorderTolerance",
        "pktSentUniqueTotal", "pktRecvUniqueTotal", "byteSentUniqueTotal", "byteRecvUniqueTotal", "pktSentUnique",
        "pktRecvUnique", "byteSentUnique", "byteRecvUnique"})
public class SrtTraceStats extends Structure {
    /** {@code sizeof(SRT_TRACEBSTATS)} on x86-64 with libsrt 1.5.1. */
    public static final int C_SIZE = 496;

    public long msTimeStamp;
    public long pktSentTotal;
    public long pktRecvTotal;
    public int pktSndLossTotal;
    public int pktRcvLossTotal;
    public int pktRetransTotal;
    public int pktSentACKTotal;
    public int pktRecvACKTotal;
    public int pktSentNAKTotal;
    public int pktRecvNAKTotal;
    public long usSndDurationTotal;
    public int pktSndDropTotal;
    public int pktRcvDropTotal;
    public int pktRcvUndecryptTotal;
    public long byteSentTotal;
    public long byteRecvTotal;
    public long byteRcvLossTotal;
    public long byteRetransTotal;
    public long byteSndDropTotal;
    public long byteRcvDropTotal;
    public long byteRcvUndecryptTotal;
    public long pktSent;
    public long pktRecv;
    public int pktSndLoss;
    public int pktRcvLoss;
    public int pktRetrans;
    public int pktRcvRetrans;
    public int pktSentACK;
    public int pktRecvACK;
    public int pktSentNAK;
    public int pktRecvNAK;
    public double mbpsSendRate;
    public double mbpsRecvRate;
    public long usSndDuration;
    public int pktReorderDistance;
    public double pktRcvAvgBelatedTime;
    public long pktRcvBelated;
    public int pktSndDrop;
    public int pktRcvDrop;
    public int pktRcvUndecrypt;
    public long byteSent;
    public long byteRecv;
    public long byteRcvLoss;
    public long byteRetrans;
    public long byteSndDrop;
    public long byteRcvDrop;
    public long byteRcvUndecrypt;
    public double usPktSndPeriod;
    public int pktFlowWindow;
    public int pktCongestionWindow;
    public int pktFlightSize;
    public double msRTT;
    public double mbpsBandwidth;
    public int byteAvailSndBuf;
    public int byteAvailRcvBuf;
    public double mbpsMaxBW;
    public int byteMSS;
    public int pktSndBuf;
    public int byteSndBuf;
    public int msSndBuf;
    public int msSndTsbPdDelay;
    public int pktRcvBuf;
    public int byteRcvBuf;
    public int msRcvBuf;
    public int msRcvTsbPdDelay;
    public int pktSndFilterExtraTotal;
    public int pktRcvFilterExtraTotal;
    public int pktRcvFilterSupplyTotal;
    public int pktRcvFilterLossTotal;
    public int pktSndFilterExtra;
    public int pktRcvFilterExtra;
    public int pktRcvFilterSupply;
    public int pktRcvFilterLoss;
    public int pktReorderTolerance;
    public long pktSentUniqueTotal;
    public long pktRecvUniqueTotal;
    public long byteSentUniqueTotal;
    public long byteRecvUniqueTotal;
    public long pktSentUnique;
    public long pktRecvUnique;
    public long byteSentUnique;
    public long byteRecvUnique;

    /** The receive-side view this project reports. */
    public SrtStats toStats() {
        return new SrtStats(msTimeStamp, pktRecvTotal, byteRecvTotal, pktRcvLossTotal, pktRcvRetrans,
                pktRcvDropTotal, pktRcvUndecryptTotal, pktRcvBelated, mbpsRecvRate, msRTT, mbpsBandwidth,
                byteAvailRcvBuf, msRcvBuf, msRcvTsbPdDelay);
    }
}
