package io.livegate.rtmp.flv;

import io.livegate.rtmp.flv.FlvException.Reason;
import io.livegate.rtmp.flv.FlvPacket.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the body of an RTMP audio (8) or video (9) message, which is an FLV tag body without the tag header
 * (FLV 10.1 annex E.4.2/E.4.3), into {@link FlvPacket}s.
 *
 * <p>Legacy tags: AVC (codec id 7) and H.265 (codec id 12, as sent by some encoders) with AVCPacketType and
 * composition time; AAC (sound format 10). Enhanced RTMP v1/v2 (veovera): ExVideoTagHeader and
 * ExAudioTagHeader with FourCC {@code avc1 hvc1 av01 vp09 vp08 mp4a Opus}, packet types SequenceStart,
 * CodedFrames, CodedFramesX, SequenceEnd, Metadata, ModEx (skipped; the nanosecond offset is below our
 * resolution) and Multitrack (OneTrack, ManyTracks, ManyTracksManyCodecs).
 *
 * <p>Returns an empty list for tags that carry nothing to forward (video info/command frames, multichannel
 * config, MPEG-2 TS sequence start). Everything else that cannot be parsed throws {@link FlvException}.
 */
public final class FlvTagReader {

    private static final int VIDEO_FRAME_KEY = 1;
    private static final int VIDEO_FRAME_COMMAND = 5;

    private static final int PT_SEQUENCE_START = 0;
    private static final int PT_CODED_FRAMES = 1;
    private static final int PT_SEQUENCE_END = 2;
    private static final int VPT_CODED_FRAMES_X = 3;
    private static final int VPT_METADATA = 4;
    private static final int VPT_MPEG2TS_SEQUENCE_START = 5;
    private static final int VPT_MULTITRACK = 6;
    private static final int APT_MULTICHANNEL_CONFIG = 4;
    private static final int APT_MULTITRACK = 5;
    private static final int PT_MOD_EX = 7;

    private static final int MT_ONE_TRACK = 0;
    private static final int MT_MANY_TRACKS = 1;
    private static final int MT_MANY_TRACKS_MANY_CODECS = 2;

    private static final int SOUND_FORMAT_AAC = 10;
    private static final int SOUND_FORMAT_EX = 9;

    private final int maxTracks;

    /** @param maxTracks bound on the tracks of one multitrack tag */
    public FlvTagReader(int maxTracks) {
        this.maxTracks = maxTracks;
    }

    /** A cursor over the tag bytes that fails with {@link Reason#TRUNCATED} instead of overrunning. */
    private static final class Cursor {
        final byte[] b;
        int pos;
        final int end;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        void need(int n, String what) {
            if (end - pos < n) {
                throw new FlvException(Reason.TRUNCATED, what + " needs " + n + " bytes, " + (end - pos) + " left");
            }
        }

        int u8(String what) {
            need(1, what);
            return b[pos++] & 0xFF;
        }

        int u16(String what) {
            need(2, what);
            int v = (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        int u24(String what) {
            need(3, what);
            int v = (b[pos] & 0xFF) << 16 | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF);
            pos += 3;
            return v;
        }

        int si24(String what) {
            return (u24(what) << 8) >> 8;
        }

        int u32(String what) {
            need(4, what);
            int v = (b[pos] & 0xFF) << 24 | (b[pos + 1] & 0xFF) << 16 | (b[pos + 2] & 0xFF) << 8 | (b[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }
    }

    /** Parses a video message body {@code tag[offset, offset+length)}. */
    public List<FlvPacket> readVideo(byte[] tag, int offset, int length) {
        Cursor c = new Cursor(tag, offset, offset + length);
        int b0 = c.u8("video tag header");
        boolean ex = (b0 & 0x80) != 0;
        int frameType = (b0 >>> 4) & 0x07;
        if (!ex) {
            return legacyVideo(c, frameType, b0 & 0x0F);
        }
        int packetType = b0 & 0x0F;
        packetType = skipModEx(c, packetType);
        if (frameType == VIDEO_FRAME_COMMAND && packetType != VPT_METADATA) {
            c.u8("video command");
            return List.of();
        }
        if (packetType == VPT_MPEG2TS_SEQUENCE_START) {
            return List.of();
        }
        if (packetType != VPT_MULTITRACK) {
            FlvCodec codec = videoCodec(c.u32("video FourCC"));
            List<FlvPacket> out = new ArrayList<>(1);
            videoBody(c, c.end, codec, 0, packetType, frameType, out);
            return out;
        }
        int mt = c.u8("video multitrack type");
        int multitrackType = mt >>> 4;
        int inner = mt & 0x0F;
        if (inner == VPT_MULTITRACK || inner == PT_MOD_EX) {
            throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "video packet type " + inner + " inside multitrack");
        }
        return multitrack(c, multitrackType, true, (codec, trackId, end, out) ->
                videoBody(c, end, codec, trackId, inner, frameType, out));
    }

    /** Parses an audio message body {@code tag[offset, offset+length)}. */
    public List<FlvPacket> readAudio(byte[] tag, int offset, int length) {
        Cursor c = new Cursor(tag, offset, offset + length);
        int b0 = c.u8("audio tag header");
        int soundFormat = b0 >>> 4;
        if (soundFormat == SOUND_FORMAT_AAC) {
            int packetType = c.u8("AACPacketType");
            Kind kind = switch (packetType) {
                case 0 -> Kind.SEQUENCE_START;
                case 1 -> Kind.CODED_FRAMES;
                default -> throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "AACPacketType " + packetType);
            };
            return List.of(new FlvPacket(FlvCodec.AAC, 0, kind, true, 0, tag, c.pos, c.remaining()));
        }
        if (soundFormat != SOUND_FORMAT_EX) {
            throw new FlvException(Reason.UNSUPPORTED_CODEC, "legacy sound format " + soundFormat);
        }
        int packetType = skipModEx(c, b0 & 0x0F);
        if (packetType == APT_MULTICHANNEL_CONFIG) {
            return List.of();
        }
        if (packetType != APT_MULTITRACK) {
            FlvCodec codec = audioCodec(c.u32("audio FourCC"));
            List<FlvPacket> out = new ArrayList<>(1);
            audioBody(c, c.end, codec, 0, packetType, out);
            return out;
        }
        int mt = c.u8("audio multitrack type");
        int multitrackType = mt >>> 4;
        int inner = mt & 0x0F;
        if (inner == APT_MULTITRACK || inner == PT_MOD_EX) {
            throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "audio packet type " + inner + " inside multitrack");
        }
        if (inner == APT_MULTICHANNEL_CONFIG) {
            return List.of();
        }
        return multitrack(c, multitrackType, false, (codec, trackId, end, out) ->
                audioBody(c, end, codec, trackId, inner, out));
    }

    /** Parses one track's body, ending at {@code end}, into {@code out}. */
    @FunctionalInterface
    private interface TrackBody {
        void read(FlvCodec codec, int trackId, int end, List<FlvPacket> out);
    }

    private List<FlvPacket> multitrack(Cursor c, int multitrackType, boolean video, TrackBody body) {
        if (multitrackType > MT_MANY_TRACKS_MANY_CODECS) {
            throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "multitrack type " + multitrackType);
        }
        FlvCodec shared = null;
        if (multitrackType != MT_MANY_TRACKS_MANY_CODECS) {
            int fourCc = c.u32("multitrack FourCC");
            shared = video ? videoCodec(fourCc) : audioCodec(fourCc);
        }
        List<FlvPacket> out = new ArrayList<>();
        int tracks = 0;
        do {
            if (++tracks > maxTracks) {
                throw new FlvException(Reason.TOO_MANY_TRACKS, "more than " + maxTracks + " tracks in one tag");
            }
            FlvCodec codec = shared;
            if (codec == null) {
                int fourCc = c.u32("track FourCC");
                codec = video ? videoCodec(fourCc) : audioCodec(fourCc);
            }
            int trackId = c.u8("track id");
            int end = c.end;
            if (multitrackType != MT_ONE_TRACK) {
                int size = c.u24("track size");
                if (size > c.remaining()) {
                    throw new FlvException(Reason.BAD_TRACK_SIZE,
                            "track " + trackId + " size " + size + " > " + c.remaining() + " bytes left");
                }
                end = c.pos + size;
            }
            body.read(codec, trackId, end, out);
            c.pos = end;
        } while (multitrackType != MT_ONE_TRACK && c.remaining() > 0);
        return out;
    }

    private static List<FlvPacket> legacyVideo(Cursor c, int frameType, int codecId) {
        if (frameType == VIDEO_FRAME_COMMAND) {
            return List.of();
        }
        FlvCodec codec = switch (codecId) {
            case 7 -> FlvCodec.AVC;
            case 12 -> FlvCodec.HEVC;
            default -> throw new FlvException(Reason.UNSUPPORTED_CODEC, "legacy video codec id " + codecId);
        };
        int packetType = c.u8("AVCPacketType");
        int cts = c.si24("composition time");
        Kind kind = switch (packetType) {
            case 0 -> Kind.SEQUENCE_START;
            case 1 -> Kind.CODED_FRAMES;
            case 2 -> Kind.SEQUENCE_END;
            default -> throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "AVCPacketType " + packetType);
        };
        return List.of(new FlvPacket(codec, 0, kind, frameType == VIDEO_FRAME_KEY, kind == Kind.CODED_FRAMES ? cts : 0,
                c.b, c.pos, c.remaining()));
    }

    private static void videoBody(Cursor c, int end, FlvCodec codec, int trackId, int packetType, int frameType,
                                  List<FlvPacket> out) {
        Cursor t = new Cursor(c.b, c.pos, end);
        boolean key = frameType == VIDEO_FRAME_KEY;
        switch (packetType) {
            case PT_SEQUENCE_START -> out.add(packet(codec, trackId, Kind.SEQUENCE_START, key, 0, t));
            case PT_CODED_FRAMES -> {
                int cts = codec == FlvCodec.AVC || codec == FlvCodec.HEVC ? t.si24("composition time") : 0;
                out.add(packet(codec, trackId, Kind.CODED_FRAMES, key, cts, t));
            }
            case VPT_CODED_FRAMES_X -> out.add(packet(codec, trackId, Kind.CODED_FRAMES, key, 0, t));
            case PT_SEQUENCE_END -> out.add(packet(codec, trackId, Kind.SEQUENCE_END, key, 0, t));
            case VPT_METADATA -> out.add(packet(codec, trackId, Kind.METADATA, key, 0, t));
            case VPT_MPEG2TS_SEQUENCE_START -> {
                // not forwarded
            }
            default -> throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "video packet type " + packetType);
        }
    }

    private static void audioBody(Cursor c, int end, FlvCodec codec, int trackId, int packetType,
                                  List<FlvPacket> out) {
        Cursor t = new Cursor(c.b, c.pos, end);
        switch (packetType) {
            case PT_SEQUENCE_START -> out.add(packet(codec, trackId, Kind.SEQUENCE_START, true, 0, t));
            case PT_CODED_FRAMES -> out.add(packet(codec, trackId, Kind.CODED_FRAMES, true, 0, t));
            case PT_SEQUENCE_END -> out.add(packet(codec, trackId, Kind.SEQUENCE_END, true, 0, t));
            default -> throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "audio packet type " + packetType);
        }
    }

    private static FlvPacket packet(FlvCodec codec, int trackId, Kind kind, boolean key, int cts, Cursor t) {
        return new FlvPacket(codec, trackId, kind, key, cts, t.b, t.pos, t.remaining());
    }

    /**
     * Skips Enhanced RTMP v2 ModEx prefixes (size, data, then modExType/packetType) and returns the real packet
     * type.
     */
    private static int skipModEx(Cursor c, int packetType) {
        int guard = 0;
        while (packetType == PT_MOD_EX) {
            if (++guard > 16) {
                throw new FlvException(Reason.UNKNOWN_PACKET_TYPE, "more than 16 ModEx prefixes");
            }
            int size = c.u8("ModEx size") + 1;
            if (size == 256) {
                size = c.u16("ModEx size") + 1;
            }
            c.need(size, "ModEx data");
            c.pos += size;
            packetType = c.u8("ModEx type") & 0x0F;
        }
        return packetType;
    }

    private static FlvCodec videoCodec(int fourCc) {
        FlvCodec codec = FlvCodec.ofFourCc(fourCc, true);
        if (codec == null) {
            throw new FlvException(Reason.UNSUPPORTED_CODEC, "video FourCC " + FlvCodec.fourCcText(fourCc));
        }
        return codec;
    }

    private static FlvCodec audioCodec(int fourCc) {
        FlvCodec codec = FlvCodec.ofFourCc(fourCc, false);
        if (codec == null) {
            throw new FlvException(Reason.UNSUPPORTED_CODEC, "audio FourCC " + FlvCodec.fourCcText(fourCc));
        }
        return codec;
    }
}
