/**
 * Fragmented MP4 (ISO/IEC 14496-12 ISO BMFF, CMAF profile of ISO/IEC 23000-19) as HLS needs it:
 * {@link io.livegate.hls.fmp4.InitSegment} writes {@code ftyp}+{@code moov} (with {@code mvex}/{@code trex}) for
 * one track, and {@link io.livegate.hls.fmp4.FragmentWriter} writes {@code moof}+{@code mdat} fragments
 * ({@code tfdt} version 1 with 64-bit decode times, {@code trun} version 1 with signed composition offsets).
 * Sample entries: {@code avc1}/{@code avcC} (ISO/IEC 14496-15 5.4), {@code hvc1}/{@code hvcC} (14496-15 8.4),
 * {@code mp4a}/{@code esds} (ISO/IEC 14496-14 and 14496-1 descriptors), {@code Opus}/{@code dOps} (Opus in ISOBMFF
 * encapsulation 4.3), {@code av01}/{@code av1C} (AV1 in ISOBMFF 2.3) and {@code vp09}/{@code vpcC} (VP codec ISOBMFF
 * binding).
 *
 * <p>Left out: edit lists (HLS players place fragments by {@code tfdt}), sample groups, encryption
 * ({@code senc}/{@code tenc}), more than one track per file, and {@code sidx}. Opus with more than two channels
 * (channel mapping family 1) is not written.
 */
package io.livegate.hls.fmp4;
