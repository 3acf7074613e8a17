package io.livegate.hls.fmp4;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.codec.opus.OpusHead;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class InitSegmentTest {

    private static final HexFormat HEX = HexFormat.of();
    /** An avcC body (profile 66, level 13, 4-byte lengths, one SPS and one PPS), as ffmpeg writes it. */
    private static final byte[] AVCC = HEX.parseHex("0142c00dffe10017" + "6742c00dda05067e7c0440000003004000000f03c50aa8"
            + "010004" + "68ce0fc8");

    @Test
    void ftypIsCmafBrandedAndByteExact() {
        byte[] init = InitSegment.write(new Fmp4Track(1, 90_000, new SampleEntry.Avc(320, 180, AVCC)));
        // size 28, "ftyp", major "iso6", minor 0, compatible "iso6" "cmfc" "mp41"
        assertThat(HEX.formatHex(java.util.Arrays.copyOf(init, 28))).isEqualTo("0000001c" + "66747970"
                + "69736f36" + "00000000" + "69736f36" + "636d6663" + "6d703431");
    }

    @Test
    void videoInitHasTheIsoBmffLayout() {
        byte[] init = InitSegment.write(new Fmp4Track(1, 90_000, new SampleEntry.Avc(320, 180, AVCC)));
        List<BoxReader.Box> top = BoxReader.read(init);
        assertThat(top).extracting(BoxReader.Box::type).containsExactly("ftyp", "moov");
        BoxReader.Box moov = top.get(1);
        assertThat(moov.children(0)).extracting(BoxReader.Box::type).containsExactly("mvhd", "trak", "mvex");

        ByteBuffer mvhd = moov.child("mvhd").buf();
        assertThat(mvhd.getInt(0)).isZero(); // version 0, flags 0
        assertThat(mvhd.getInt(12)).isEqualTo(1000); // timescale
        assertThat(mvhd.getInt(96)).isEqualTo(2); // next_track_ID
        assertThat(moov.child("mvhd").payload()).hasSize(100);

        ByteBuffer tkhd = moov.child("trak", "tkhd").buf();
        assertThat(tkhd.getInt(0)).isEqualTo(3); // enabled | in_movie
        assertThat(tkhd.getInt(12)).isEqualTo(1); // track_ID
        assertThat(tkhd.getInt(76)).isEqualTo(320 << 16);
        assertThat(tkhd.getInt(80)).isEqualTo(180 << 16);
        assertThat(moov.child("trak", "tkhd").payload()).hasSize(84);

        ByteBuffer mdhd = moov.child("trak", "mdia", "mdhd").buf();
        assertThat(mdhd.getInt(12)).isEqualTo(90_000);
        assertThat(mdhd.getShort(20)).isEqualTo((short) 0x55C4); // "und"
        assertThat(new String(moov.child("trak", "mdia", "hdlr").payload(), 8, 4)).isEqualTo("vide");

        BoxReader.Box stbl = moov.child("trak", "mdia", "minf", "stbl");
        assertThat(stbl.children(0)).extracting(BoxReader.Box::type)
                .containsExactly("stsd", "stts", "stsc", "stsz", "stco");
        BoxReader.Box avc1 = stbl.child("stsd", "avc1");
        ByteBuffer e = avc1.buf();
        assertThat(e.getShort(6)).isEqualTo((short) 1); // data_reference_index
        assertThat(e.getShort(24)).isEqualTo((short) 320);
        assertThat(e.getShort(26)).isEqualTo((short) 180);
        assertThat(e.getShort(74)).isEqualTo((short) 0x18); // depth
        assertThat(avc1.child("avcC").payload()).isEqualTo(AVCC);

        ByteBuffer trex = moov.child("mvex", "trex").buf();
        assertThat(trex.getInt(4)).isEqualTo(1); // track_ID
        assertThat(trex.getInt(8)).isEqualTo(1); // default_sample_description_index
        assertThat(moov.child("mvex", "trex").payload()).hasSize(24);
    }

    @Test
    void aacEsdsCarriesTheAudioSpecificConfig() {
        byte[] asc = {0x11, (byte) 0x90}; // AAC-LC, 48 kHz, stereo
        byte[] init = InitSegment.write(new Fmp4Track(2, 48_000, new SampleEntry.Mp4a(2, 48_000, asc)));
        BoxReader.Box moov = BoxReader.find(BoxReader.read(init), "moov");
        assertThat(moov.child("trak", "mdia", "minf").children(0).get(0).type()).isEqualTo("smhd");
        BoxReader.Box mp4a = moov.child("trak", "mdia", "minf", "stbl", "stsd", "mp4a");
        ByteBuffer e = mp4a.buf();
        assertThat(e.getShort(16)).isEqualTo((short) 2); // channelcount
        assertThat(e.getShort(18)).isEqualTo((short) 16); // samplesize
        assertThat(e.getInt(24)).isEqualTo(48_000 << 16);
        // ES_Descriptor(DecoderConfigDescriptor(AAC, audio, DecoderSpecificInfo(asc)), SLConfigDescriptor(2)).
        assertThat(HEX.formatHex(mp4a.child("esds").payload())).isEqualTo("00000000"
                + "0319" + "000000"
                + "0411" + "40" + "15" + "000000" + "00000000" + "00000000"
                + "0502" + "1190"
                + "060102");
    }

    @Test
    void opusDopsMatchesTheCodecPackage() {
        byte[] init = InitSegment.write(new Fmp4Track(2, 48_000, new SampleEntry.Opus(2, 312, 48_000)));
        BoxReader.Box opus = BoxReader.find(BoxReader.read(init), "moov")
                .child("trak", "mdia", "minf", "stbl", "stsd", "Opus");
        assertThat(opus.buf().getInt(24)).isEqualTo(48_000 << 16);
        byte[] dops = opus.child("dOps").payload();
        assertThat(HEX.formatHex(dops)).isEqualTo("00" + "02" + "0138" + "0000bb80" + "0000" + "00");
        assertThat(dops).isEqualTo(OpusHead.of(2, 312, 48_000).toDops());
    }

    @Test
    void vp9ConfigIsAFullBox() {
        byte[] vpcc = HEX.parseHex("00" + "1f" + "80" + "01" + "01" + "01" + "0000");
        byte[] init = InitSegment.write(new Fmp4Track(1, 90_000, new SampleEntry.Vp9(640, 360, vpcc)));
        BoxReader.Box vp09 = BoxReader.find(BoxReader.read(init), "moov")
                .child("trak", "mdia", "minf", "stbl", "stsd", "vp09");
        byte[] box = vp09.child("vpcC").payload();
        assertThat(box[0]).isEqualTo((byte) 1); // version 1
        assertThat(java.util.Arrays.copyOfRange(box, 4, box.length)).isEqualTo(vpcc);
    }

    @Test
    void longDescriptorSizesUseContinuationBytes() {
        byte[] asc = new byte[200];
        asc[0] = 0x11;
        asc[1] = (byte) 0x90;
        byte[] init = InitSegment.write(new Fmp4Track(2, 48_000, new SampleEntry.Mp4a(2, 48_000, asc)));
        byte[] esds = BoxReader.find(BoxReader.read(init), "moov")
                .child("trak", "mdia", "minf", "stbl", "stsd", "mp4a", "esds").payload();
        // ES_Descriptor size 3 + (1 + 2 + 13 + (1 + 2 + 200)) + 3 = 225: two bytes, 0x81 0x61.
        assertThat(esds[4]).isEqualTo((byte) 0x03);
        assertThat(esds[5] & 0xFF).isEqualTo(0x81);
        assertThat(esds[6]).isEqualTo((byte) 0x61);
        assertThat(esds).hasSize(4 + 3 + 225);
    }
}
