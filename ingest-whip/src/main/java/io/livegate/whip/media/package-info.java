/**
 * From reassembled RTP frames to the bus: RTP timestamp unwrapping (RFC 3550 5.1), one timeline for all tracks of
 * a publisher from RTCP sender reports (RFC 3550 6.4.1; arrival time when a track has none in time), track
 * parameters from SDP fmtp (RFC 6184 8.1 sprop-parameter-sets, RFC 7798 7.1) or in band (parameter sets, AV1
 * sequence header, VP8 RFC 6386 9.1 and VP9 keyframe headers), keyframe gating. Leaves out: clock-drift correction
 * between tracks.
 */
package io.livegate.whip.media;
