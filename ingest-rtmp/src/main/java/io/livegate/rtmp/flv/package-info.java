/**
 * FLV tag bodies as carried in RTMP audio/video messages: legacy AVC/AAC (FLV 10.1 annex E.4.2, E.4.3), legacy
 * H.265 with codec id 12, and Enhanced RTMP v1 and v2 (veovera): ExVideoTagHeader/ExAudioTagHeader with FourCC
 * codecs hvc1, av01, vp09, vp08, avc1, Opus and mp4a, ModEx prefixes and multitrack packets.
 *
 * <p>Left out: legacy audio other than AAC (MP3, G.711, Speex, Nellymoser), FourCCs fLaC, ac-3, ec-3, .mp3 and
 * vvc1, the MPEG-2 TS sequence start and multichannel configuration packets (read and ignored), and the ModEx
 * nanosecond timestamp offset (below the millisecond resolution RTMP timestamps have).
 */
package io.livegate.rtmp.flv;
