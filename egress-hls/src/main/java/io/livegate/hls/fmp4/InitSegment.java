package io.livegate.hls.fmp4;

import java.nio.charset.StandardCharsets;

/**
 * Writes a CMAF header ({@code ftyp} + {@code moov}) for one track: empty sample tables, and {@code mvex}/
 * {@code trex} announcing that the samples come in movie fragments.
 */
public final class InitSegment {

    /** The unity matrix of tkhd/mvhd (ISO/IEC 14496-12 8.2.2.3). */
    private static final int[] UNITY_MATRIX = {0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000};
    private static final int LANGUAGE_UND = ((('u' - 0x60) << 10) | (('n' - 0x60) << 5) | ('d' - 0x60));

    private InitSegment() {
    }

    public static byte[] write(Fmp4Track track) {
        Mp4Writer w = new Mp4Writer(1024);
        int ftyp = w.begin("ftyp");
        w.fourcc("iso6").u32(0).fourcc("iso6").fourcc("cmfc").fourcc("mp41");
        w.end(ftyp);
        int moov = w.begin("moov");
        mvhd(w, track.trackId() + 1);
        trak(w, track);
        int mvex = w.begin("mvex");
        int trex = w.beginFull("trex", 0, 0);
        w.u32(track.trackId()).u32(1).u32(0).u32(0).u32(0);
        w.end(trex);
        w.end(mvex);
        w.end(moov);
        return w.toByteArray();
    }

    private static void mvhd(Mp4Writer w, int nextTrackId) {
        int at = w.beginFull("mvhd", 0, 0);
        w.u32(0).u32(0).u32(1000).u32(0); // creation, modification, timescale, duration (unknown: live)
        w.u32(0x0001_0000).u16(0x0100).zeros(10); // rate 1.0, volume 1.0, reserved
        matrix(w);
        w.zeros(24); // pre_defined
        w.u32(nextTrackId);
        w.end(at);
    }

    private static void trak(Mp4Writer w, Fmp4Track t) {
        int trak = w.begin("trak");
        boolean video = t.isVideo();
        int tkhd = w.beginFull("tkhd", 0, 0x000003); // enabled | in_movie
        w.u32(0).u32(0).u32(t.trackId()).u32(0).u32(0); // creation, modification, track_ID, reserved, duration
        w.zeros(8).u16(0).u16(0).u16(video ? 0 : 0x0100).u16(0); // reserved, layer, alternate_group, volume, reserved
        matrix(w);
        if (t.entry() instanceof SampleEntry.Visual v) {
            w.u32((long) v.width() << 16).u32((long) v.height() << 16);
        } else {
            w.u32(0).u32(0);
        }
        w.end(tkhd);

        int mdia = w.begin("mdia");
        int mdhd = w.beginFull("mdhd", 0, 0);
        w.u32(0).u32(0).u32(t.timescale()).u32(0).u16(LANGUAGE_UND).u16(0);
        w.end(mdhd);
        int hdlr = w.beginFull("hdlr", 0, 0);
        w.u32(0).fourcc(video ? "vide" : "soun").zeros(12);
        w.bytes((video ? "VideoHandler" : "SoundHandler").getBytes(StandardCharsets.US_ASCII)).u8(0);
        w.end(hdlr);

        int minf = w.begin("minf");
        if (video) {
            int vmhd = w.beginFull("vmhd", 0, 1);
            w.zeros(8); // graphicsmode, opcolor
            w.end(vmhd);
        } else {
            int smhd = w.beginFull("smhd", 0, 0);
            w.zeros(4); // balance, reserved
            w.end(smhd);
        }
        int dinf = w.begin("dinf");
        int dref = w.beginFull("dref", 0, 0);
        w.u32(1);
        int url = w.beginFull("url ", 0, 1); // self-contained
        w.end(url);
        w.end(dref);
        w.end(dinf);

        int stbl = w.begin("stbl");
        int stsd = w.beginFull("stsd", 0, 0);
        w.u32(1);
        sampleEntry(w, t.entry());
        w.end(stsd);
        emptyTable(w, "stts");
        emptyTable(w, "stsc");
        int stsz = w.beginFull("stsz", 0, 0);
        w.u32(0).u32(0);
        w.end(stsz);
        emptyTable(w, "stco");
        w.end(stbl);
        w.end(minf);
        w.end(mdia);
        w.end(trak);
    }

    private static void emptyTable(Mp4Writer w, String type) {
        int at = w.beginFull(type, 0, 0);
        w.u32(0);
        w.end(at);
    }

    static void sampleEntry(Mp4Writer w, SampleEntry e) {
        switch (e) {
            case SampleEntry.Avc a -> visual(w, "avc1", a, "avcC", a.avcC());
            case SampleEntry.Hevc h -> visual(w, "hvc1", h, "hvcC", h.hvcC());
            case SampleEntry.Av1 a -> visual(w, "av01", a, "av1C", a.av1C());
            case SampleEntry.Vp9 v -> {
                int at = visualHeader(w, "vp09", v);
                int c = w.beginFull("vpcC", 1, 0);
                w.bytes(v.vpcC());
                w.end(c);
                w.end(at);
            }
            case SampleEntry.Mp4a m -> {
                int at = audioHeader(w, "mp4a", m.channels(), m.sampleRate());
                esds(w, m.audioSpecificConfig());
                w.end(at);
            }
            case SampleEntry.Opus o -> {
                int at = audioHeader(w, "Opus", o.channels(), 48_000);
                int d = w.begin("dOps");
                // Version 0, OutputChannelCount, PreSkip, InputSampleRate, OutputGain 0, ChannelMappingFamily 0.
                w.u8(0).u8(o.channels()).u16(o.preSkip()).u32(o.inputSampleRate()).u16(0).u8(0);
                w.end(d);
                w.end(at);
            }
        }
    }

    private static void visual(Mp4Writer w, String type, SampleEntry.Visual v, String configType, byte[] config) {
        int at = visualHeader(w, type, v);
        int c = w.begin(configType);
        w.bytes(config);
        w.end(c);
        w.end(at);
    }

    private static int visualHeader(Mp4Writer w, String type, SampleEntry.Visual v) {
        int at = w.begin(type);
        w.zeros(6).u16(1); // reserved, data_reference_index
        w.u16(0).u16(0).zeros(12); // pre_defined, reserved, pre_defined[3]
        w.u16(v.width()).u16(v.height());
        w.u32(0x0048_0000).u32(0x0048_0000); // 72 dpi
        w.u32(0).u16(1); // reserved, frame_count
        w.zeros(32); // compressorname
        w.u16(0x0018).u16(0xFFFF); // depth, pre_defined -1
        return at;
    }

    private static int audioHeader(Mp4Writer w, String type, int channels, int sampleRate) {
        int at = w.begin(type);
        w.zeros(6).u16(1); // reserved, data_reference_index
        w.zeros(8); // reserved[2]
        w.u16(channels).u16(16).u16(0).u16(0); // channelcount, samplesize, pre_defined, reserved
        w.u32((sampleRate & 0xFFFFL) << 16); // 16.16 fixed point; rates above 65535 Hz do not occur in AAC/Opus
        return at;
    }

    /** ES_Descriptor with DecoderConfigDescriptor (AAC, audio stream) and SLConfigDescriptor (ISO/IEC 14496-1 7.2.6). */
    private static void esds(Mp4Writer w, byte[] asc) {
        int at = w.beginFull("esds", 0, 0);
        int dsiLen = asc.length;
        int dcdLen = 13 + 1 + sizeBytes(dsiLen) + dsiLen;
        int esLen = 3 + 1 + sizeBytes(dcdLen) + dcdLen + 3;
        w.u8(0x03);
        descriptorSize(w, esLen);
        w.u16(0).u8(0); // ES_ID, flags
        w.u8(0x04);
        descriptorSize(w, dcdLen);
        w.u8(0x40).u8(0x15); // objectTypeIndication: MPEG-4 Audio; streamType audio (5) << 2 | reserved 1
        w.u24(0).u32(0).u32(0); // bufferSizeDB, maxBitrate, avgBitrate (unknown)
        w.u8(0x05);
        descriptorSize(w, dsiLen);
        w.bytes(asc);
        w.u8(0x06).u8(1).u8(0x02); // SLConfigDescriptor, predefined = 2 (MP4)
        w.end(at);
    }

    private static int sizeBytes(int size) {
        int n = 1;
        while (size >= 1 << (7 * n)) {
            n++;
        }
        return n;
    }

    private static void descriptorSize(Mp4Writer w, int size) {
        int n = sizeBytes(size);
        for (int i = n - 1; i >= 0; i--) {
            int b = (size >>> (7 * i)) & 0x7F;
            w.u8(i > 0 ? b | 0x80 : b);
        }
    }

    private static void matrix(Mp4Writer w) {
        for (int m : UNITY_MATRIX) {
            w.u32(m & 0xFFFF_FFFFL);
        }
    }
}
