package io.livegate.hls.fmp4;

import java.util.List;

/**
 * Writes one movie fragment ({@code moof} + {@code mdat}) of one track: {@code mfhd}, {@code traf} with
 * {@code tfhd} (default-base-is-moof), {@code tfdt} version 1 (64-bit base decode time) and {@code trun}
 * version 1 carrying each sample's duration, size, flags and signed composition offset.
 */
public final class FragmentWriter {

    /** tfhd: the base data offset is the start of the moof (CMAF requires it). */
    static final int TFHD_DEFAULT_BASE_IS_MOOF = 0x020000;
    /** trun: data-offset, sample-duration, sample-size, sample-flags, sample-composition-time-offset present. */
    static final int TRUN_FLAGS = 0x000001 | 0x000100 | 0x000200 | 0x000400 | 0x000800;
    /** sample_depends_on = 2 (depends on no other sample). */
    public static final int SYNC_SAMPLE_FLAGS = 0x0200_0000;
    /** sample_depends_on = 1, sample_is_non_sync_sample = 1. */
    public static final int NON_SYNC_SAMPLE_FLAGS = 0x0101_0000;

    private FragmentWriter() {
    }

    /**
     * @param sequenceNumber     mfhd sequence_number, increasing by one per fragment of the track
     * @param trackId            the track_ID of the init segment
     * @param baseMediaDecodeTime decode time of the first sample in the track's timescale
     * @param samples            at least one sample
     */
    public static byte[] write(long sequenceNumber, int trackId, long baseMediaDecodeTime, List<Sample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a fragment needs at least one sample");
        }
        long mdatPayload = 0;
        for (Sample s : samples) {
            mdatPayload += s.data().length;
        }
        if (mdatPayload + 8 > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("fragment too large: " + mdatPayload + " bytes");
        }
        int moofSize = 8 + 16 + 8 + 16 + 20 + 20 + 16 * samples.size();
        Mp4Writer w = new Mp4Writer(moofSize + 8 + (int) mdatPayload);
        int moof = w.begin("moof");
        int mfhd = w.beginFull("mfhd", 0, 0);
        w.u32(sequenceNumber);
        w.end(mfhd);
        int traf = w.begin("traf");
        int tfhd = w.beginFull("tfhd", 0, TFHD_DEFAULT_BASE_IS_MOOF);
        w.u32(trackId);
        w.end(tfhd);
        int tfdt = w.beginFull("tfdt", 1, 0);
        w.u64(baseMediaDecodeTime);
        w.end(tfdt);
        int trun = w.beginFull("trun", 1, TRUN_FLAGS);
        w.u32(samples.size());
        int dataOffsetAt = w.position();
        w.u32(0);
        for (Sample s : samples) {
            w.u32(s.duration()).u32(s.data().length);
            w.u32(s.sync() ? SYNC_SAMPLE_FLAGS : NON_SYNC_SAMPLE_FLAGS);
            w.u32(s.compositionOffset() & 0xFFFF_FFFFL);
        }
        w.end(trun);
        w.end(traf);
        w.end(moof);
        w.putU32(dataOffsetAt, w.position() - moof + 8);
        int mdat = w.begin("mdat");
        for (Sample s : samples) {
            w.bytes(s.data());
        }
        w.end(mdat);
        return w.toByteArray();
    }
}
