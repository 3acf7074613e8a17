/**
 * A streaming MPEG-TS demultiplexer (ISO/IEC 13818-1): 188-byte transport packets with sync-byte recovery
 * (2.4.3.2), adaptation fields with the discontinuity indicator and PCR (2.4.3.4), continuity counters (2.4.3.3),
 * PSI sections with CRC_32 (2.4.4, Annex A), the program association and program map tables (2.4.4.3, 2.4.4.8),
 * PES packets with PTS/DTS (2.4.3.6) and 33-bit timestamp wrap-around.
 *
 * <p>Elementary streams read: H.264 (stream_type 0x1B) and H.265 (0x24) Annex B byte streams, AAC in ADTS
 * (0x0F, ISO/IEC 13818-7 6.2), and Opus (0x06 with registration descriptor "Opus": the Opus-in-TS mapping with
 * its opus_control_header and channel-configuration extension descriptor). MPEG-1/2 audio (0x03/0x04), AAC-LATM (0x11) and other types are reported as
 * unsupported and skipped.
 *
 * <p>Left out on purpose: multi-program streams (the first program of the PAT is read), the network PID, other
 * tables (SDT, EIT), scrambling, sections spanning the 1024-byte PSI limit, 192/204-byte packets, and PCR-based
 * clock recovery (the PCR is parsed and exposed only).
 */
package io.livegate.srt.mpegts;
