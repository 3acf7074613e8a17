package io.livegate.srt.mpegts;

import java.util.HashMap;
import java.util.Map;

/**
 * Streaming MPEG-TS demultiplexer: feed it bytes in any chunking (SRT messages of 7 packets, pipes, files) and it
 * calls a {@link TsListener} with the program map and with access units. Not thread-safe; one instance per
 * connection. Recoverable damage (lost packets, bad CRCs, broken PES headers) is counted in {@link #counters()}
 * and the stream goes on; input that is not MPEG-TS or breaks a {@link TsLimits} bound throws
 * {@link TsException}, after which the instance must not be fed again.
 */
public final class TsDemuxer {

    private final TsLimits limits;
    private final TsListener listener;
    private final TimestampUnwrapper timestamps = new TimestampUnwrapper();
    private final PsiSectionAssembler pat = new PsiSectionAssembler();
    private PsiSectionAssembler pmt;
    private int pmtPid = -1;
    private int patCc = -1;
    private int pmtCc = -1;
    private ProgramMap program;
    private final Map<Integer, PidState> pids = new HashMap<>();

    private final byte[] carry = new byte[2 * TsPacket.SIZE];
    private int carryLen;
    private boolean synced;
    private int unsyncedRun;

    private long packets;
    private long syncLosses;
    private long skippedBytes;
    private long continuityErrors;
    private long transportErrors;
    private long badPes;
    private long damagedUnits;
    private long droppedUnits;

    public TsDemuxer(TsLimits limits, TsListener listener) {
        this.limits = limits;
        this.listener = listener;
    }

    public TsCounters counters() {
        long crc = pat.crcErrors() + (pmt == null ? 0 : pmt.crcErrors());
        return new TsCounters(packets, syncLosses, skippedBytes, continuityErrors, transportErrors, crc, badPes,
                damagedUnits, droppedUnits);
    }

    /** The current program map, or null before one was read. */
    public ProgramMap program() {
        return program;
    }

    /**
     * Reads {@code len} bytes.
     *
     * @throws TsException when the input is not MPEG-TS or breaks a limit
     */
    public void feed(byte[] data, int off, int len) {
        byte[] b = data;
        int p = off;
        int end = off + len;
        if (carryLen > 0) {
            b = new byte[carryLen + len];
            System.arraycopy(carry, 0, b, 0, carryLen);
            System.arraycopy(data, off, b, carryLen, len);
            p = 0;
            end = b.length;
            carryLen = 0;
        }
        while (end - p >= TsPacket.SIZE) {
            if ((b[p] & 0xff) == TsPacket.SYNC) {
                if (!synced) {
                    // Resync needs a second sync byte one packet later, or this could be a 0x47 in garbage.
                    if (end - p < 2 * TsPacket.SIZE) {
                        break;
                    }
                    if ((b[p + TsPacket.SIZE] & 0xff) != TsPacket.SYNC) {
                        skip(1);
                        p++;
                        continue;
                    }
                    synced = true;
                }
                unsyncedRun = 0;
                packet(b, p);
                p += TsPacket.SIZE;
            } else {
                if (synced) {
                    synced = false;
                    syncLosses++;
                    for (PidState s : pids.values()) {
                        s.pes.markDamaged();
                    }
                }
                skip(1);
                p++;
            }
        }
        int rest = end - p;
        System.arraycopy(b, p, carry, 0, rest);
        carryLen = rest;
    }

    /** Emits PES packets still open (end of input: their length is unknown, so they are taken as complete). */
    public void flush() {
        for (PidState s : pids.values()) {
            finishPes(s);
            s.reader.flush(this::deliver);
        }
    }

    private void skip(int n) {
        skippedBytes += n;
        unsyncedRun += n;
        if (unsyncedRun > limits.maxUnsyncedBytes()) {
            throw new TsException(TsException.Reason.NO_SYNC, "no MPEG-TS sync in " + unsyncedRun
                    + " bytes (limit " + limits.maxUnsyncedBytes() + "): not a transport stream");
        }
    }

    private void packet(byte[] b, int off) {
        packets++;
        TsPacket pk = TsPacket.parse(b, off);
        if (pk == null) {
            transportErrors++;
            return;
        }
        if (pk.transportError()) {
            transportErrors++;
            PidState s = pids.get(pk.pid());
            if (s != null) {
                s.pes.markDamaged();
            }
            return;
        }
        int pid = pk.pid();
        if (pid == TsPacket.PID_NULL) {
            return;
        }
        if (pid == TsPacket.PID_PAT) {
            int cc = checkCc(patCc, pk);
            if (cc == GAP) {
                pat.reset();
            }
            patCc = pk.continuityCounter();
            if (cc != DUPLICATE && pk.hasPayload()) {
                pat.accept(b, pk.payloadOffset(), pk.payloadLength(), pk.payloadUnitStart(), s -> onPat(s));
            }
            return;
        }
        if (pid == pmtPid) {
            int cc = checkCc(pmtCc, pk);
            if (cc == GAP) {
                pmt.reset();
            }
            pmtCc = pk.continuityCounter();
            if (cc != DUPLICATE && pk.hasPayload()) {
                pmt.accept(b, pk.payloadOffset(), pk.payloadLength(), pk.payloadUnitStart(), s -> onPmt(s));
            }
            return;
        }
        PidState s = pids.get(pid);
        if (s == null) {
            return;
        }
        int cc = checkCc(s.lastCc, pk);
        s.lastCc = pk.continuityCounter();
        if (cc == DUPLICATE || !pk.hasPayload()) {
            return;
        }
        if (cc == GAP) {
            continuityErrors++;
            s.pes.markDamaged();
        }
        if (pk.payloadUnitStart()) {
            finishPes(s);
            s.pes.start(pk.randomAccess());
        }
        if (s.pes.append(b, pk.payloadOffset(), pk.payloadLength())) {
            finishPes(s);
        }
    }

    private static final int OK = 0;
    private static final int DUPLICATE = 1;
    private static final int GAP = 2;

    /** 2.4.3.3: the counter steps by one per packet with payload; one repeat is allowed; discontinuity resets. */
    private static int checkCc(int last, TsPacket pk) {
        if (last < 0 || pk.discontinuity()) {
            return OK;
        }
        int cc = pk.continuityCounter();
        if (!pk.hasPayload()) {
            return cc == last ? OK : GAP;
        }
        if (cc == last) {
            return DUPLICATE;
        }
        return cc == (last + 1 & 0xf) ? OK : GAP;
    }

    private void finishPes(PidState s) {
        if (!s.pes.active()) {
            return;
        }
        PesPacket pes = s.pes.finish(timestamps);
        if (pes == null) {
            badPes++;
            return;
        }
        s.reader.read(pes, this::deliver);
    }

    private void deliver(MediaUnit unit) {
        if (unit == null) {
            droppedUnits++;
            return;
        }
        if (unit.damaged()) {
            damagedUnits++;
        }
        listener.onUnit(unit);
    }

    private void onPat(PsiSectionAssembler.Section section) {
        if (!section.currentNext() || section.tableId() != ProgramAssociation.TABLE_ID) {
            return;
        }
        ProgramAssociation a = ProgramAssociation.parse(section);
        if (a == null || a.pmtPid() == pmtPid) {
            return;
        }
        if (a.pmtPid() == TsPacket.PID_PAT || a.pmtPid() == TsPacket.PID_NULL) {
            throw new TsException(TsException.Reason.BAD_SECTION, "PAT points the PMT at reserved PID " + a.pmtPid());
        }
        pmtPid = a.pmtPid();
        pmt = new PsiSectionAssembler();
        pmtCc = -1;
    }

    private void onPmt(PsiSectionAssembler.Section section) {
        if (!section.currentNext() || section.tableId() != ProgramMap.TABLE_ID) {
            return;
        }
        if (program != null && program.version() == section.version()) {
            return;
        }
        ProgramMap next = ProgramMap.parse(section, limits.maxElementaryStreams());
        for (ElementaryStream e : next.streams()) {
            if (e.pid() == TsPacket.PID_PAT || e.pid() == TsPacket.PID_NULL || e.pid() == pmtPid) {
                throw new TsException(TsException.Reason.BAD_SECTION, "PMT maps a stream to reserved PID " + e.pid());
            }
        }
        boolean same = program != null && program.streams().equals(next.streams());
        program = next;
        if (same) {
            return;
        }
        Map<Integer, PidState> kept = new HashMap<>();
        for (ElementaryStream e : next.streams()) {
            PidState old = pids.get(e.pid());
            if (old != null && old.stream.equals(e)) {
                kept.put(e.pid(), old);
            } else if (e.kind().supported()) {
                kept.put(e.pid(), new PidState(e, new PesAssembler(e.pid(), limits.maxPesBytes()), reader(e)));
            }
        }
        pids.clear();
        pids.putAll(kept);
        listener.onProgram(next);
        for (ElementaryStream e : next.streams()) {
            if (!e.kind().supported()) {
                listener.onUnsupported(e);
            }
        }
    }

    private ElementaryStreamReader reader(ElementaryStream e) {
        return switch (e.kind()) {
            case H264, H265 -> new AnnexBReader(e, limits);
            case AAC_ADTS -> new AdtsReader(e, limits);
            case OPUS -> new OpusReader(e, limits);
            default -> throw new IllegalStateException("no reader for " + e.kind());
        };
    }

    private static final class PidState {
        final ElementaryStream stream;
        final PesAssembler pes;
        final ElementaryStreamReader reader;
        int lastCc = -1;

        PidState(ElementaryStream stream, PesAssembler pes, ElementaryStreamReader reader) {
            this.stream = stream;
            this.pes = pes;
            this.reader = reader;
        }
    }
}
