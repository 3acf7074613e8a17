package io.livegate.rtmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livegate.codec.CodecStrings;
import io.livegate.codec.VideoInfo;
import io.livegate.codec.av1.Av1CodecConfig;
import io.livegate.codec.av1.Av1Obu;
import io.livegate.codec.av1.Av1SequenceHeader;
import io.livegate.codec.h264.Avcc;
import io.livegate.codec.h265.H265NalType;
import io.livegate.codec.h265.H265Sps;
import io.livegate.codec.h265.HevcDecoderConfig;
import io.livegate.codec.vp9.Vp9CodecConfig;
import io.livegate.codec.vp9.Vp9FrameHeader;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enhanced RTMP (veovera v1/v2) over a real connection. The local ffmpeg (5.1) cannot publish Enhanced RTMP, so
 * ffmpeg encodes real HEVC, AV1, VP9 and Opus bitstreams and the test wraps them in ExVideoTagHeader /
 * ExAudioTagHeader tags (single track and multitrack) itself.
 */
@Tag("e2e")
class EnhancedRtmpE2eTest {

    private static final String SRC = "testsrc2=size=320x240:rate=30";
    private static final int FRAMES = 10;

    @TempDir
    Path dir;
    private EventLoopGroup group;
    private ExecutorService executor;
    private StreamRouter router;
    private SubscribingRegistry registry;
    private RtmpServer server;

    @BeforeEach
    void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        executor = Executors.newSingleThreadExecutor();
        router = new StreamRouter();
        registry = new SubscribingRegistry(router, executor);
        server = new RtmpServer(RtmpConfig.DEFAULTS.withPorts(0, 0), registry, group);
        server.start();
    }

    @AfterEach
    void tearDown() {
        server.close();
        router.close();
        executor.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final class Tag {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Tag u8(int... v) {
            for (int b : v) {
                out.write(b);
            }
            return this;
        }

        Tag u24(int v) {
            return u8(v >> 16 & 0xFF, v >> 8 & 0xFF, v & 0xFF);
        }

        Tag fourCc(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Tag bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        int size() {
            return out.size();
        }

        byte[] get() {
            return out.toByteArray();
        }
    }

    private RecordingSubscriber finish(String path, TestRtmpClient c) throws Exception {
        c.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().isEmpty());
        executor.submit(() -> { }).get(5, TimeUnit.SECONDS);
        RecordingSubscriber sub = registry.subscribers.get(path);
        assertThat(sub).isNotNull();
        return sub;
    }

    private Opus opus() throws Exception {
        Path ogg = Bitstreams.encode(dir, "a.ogg", "-f", "lavfi", "-i", "sine=f=440:sample_rate=48000", "-t", "0.2",
                "-ac", "2", "-c:a", "libopus", "-b:a", "64k", "-f", "ogg");
        List<byte[]> packets = Bitstreams.oggPackets(Files.readAllBytes(ogg));
        return new Opus(packets.get(0), packets.subList(2, packets.size()));
    }

    private record Opus(byte[] head, List<byte[]> packets) {
    }

    @Test
    void hevcAndOpusSingleTrack() throws Exception {
        Path h = Bitstreams.encode(dir, "v.hevc", "-f", "lavfi", "-i", SRC, "-frames:v", Integer.toString(FRAMES),
                "-c:v", "libx265", "-x265-params", "keyint=5:min-keyint=5:bframes=0:log-level=error", "-f", "hevc");
        Bitstreams.Hevc hevc = Bitstreams.hevc(Files.readAllBytes(h));
        assertThat(hevc.accessUnits()).hasSize(FRAMES);
        Opus opus = opus();

        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "hevc")).isEqualTo("NetStream.Publish.Start");
            c.setChunkSize(60_000);
            c.video(0, new Tag().u8(0x90).fourCc("hvc1").bytes(hevc.hvcC()).get());
            c.audio(0, new Tag().u8(0x90).fourCc("Opus").bytes(opus.head()).get());
            for (int i = 0; i < FRAMES; i++) {
                List<byte[]> au = hevc.accessUnits().get(i);
                boolean key = H265NalType.isKeyframe(au);
                byte[] avcc = Avcc.join(au, 4);
                // alternate CodedFrames (with a zero composition time) and CodedFramesX
                Tag t = new Tag().u8(0x80 | (key ? 0x10 : 0x20) | (i % 2 == 0 ? 1 : 3)).fourCc("hvc1");
                if (i % 2 == 0) {
                    t.u24(0);
                }
                c.video(i * 33L, t.bytes(avcc).get());
            }
            for (int i = 0; i < opus.packets().size(); i++) {
                c.audio(i * 20L, new Tag().u8(0x91).fourCc("Opus").bytes(opus.packets().get(i)).get());
            }
            RecordingSubscriber sub = finish("live/hevc", c);

            Track v = sub.track(0);
            assertThat(v.codec()).isEqualTo(Codec.H265);
            CodecParameters.H265Parameters params = (CodecParameters.H265Parameters) v.parameters();
            assertThat(params.sps().get(0)).isEqualTo(hevc.sps());
            H265Sps sps = H265Sps.parse(params.sps().get(0));
            assertThat(sps.width()).isEqualTo(320);
            assertThat(sps.height()).isEqualTo(240);
            assertThat(VideoInfo.of(v).width()).isEqualTo(320);
            assertThat(CodecStrings.of(v)).startsWith("hvc1.");
            assertThat(CodecStrings.of(sub.track(1))).isEqualTo("opus");
            List<Frame> vf = sub.frames(0);
            assertThat(vf).hasSize(FRAMES);
            assertThat(vf.stream().filter(Frame::keyframe).count()).isEqualTo(2);
            for (int i = 0; i < FRAMES; i++) {
                List<byte[]> units = ((Payload.NalUnits) vf.get(i).payload()).units();
                assertThat(units).hasSameSizeAs(hevc.accessUnits().get(i));
                for (int n = 0; n < units.size(); n++) {
                    assertThat(units.get(n)).isEqualTo(hevc.accessUnits().get(i).get(n));
                }
                assertThat(vf.get(i).dts() - vf.get(0).dts()).isEqualTo(i * 33L * 90);
            }

            Track a = sub.track(1);
            assertThat(a.codec()).isEqualTo(Codec.OPUS);
            assertThat(a.clockRate()).isEqualTo(48_000);
            assertThat(((CodecParameters.OpusParameters) a.parameters()).channels()).isEqualTo(2);
            List<Frame> af = sub.frames(1);
            assertThat(af).hasSize(opus.packets().size());
            assertThat(((Payload.OpusPacket) af.get(3).payload()).data()).isEqualTo(opus.packets().get(3));
            assertThat(af.get(3).dts() - af.get(0).dts()).isEqualTo(3 * 20 * 48);
        }
    }

    @Test
    void legacyHevcCodecId12() throws Exception {
        Path h = Bitstreams.encode(dir, "v.hevc", "-f", "lavfi", "-i", SRC, "-frames:v", "3",
                "-c:v", "libx265", "-x265-params", "keyint=5:bframes=0:log-level=error", "-f", "hevc");
        Bitstreams.Hevc hevc = Bitstreams.hevc(Files.readAllBytes(h));
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "h265legacy")).isEqualTo("NetStream.Publish.Start");
            c.video(0, new Tag().u8(0x1C, 0).u24(0).bytes(hevc.hvcC()).get());
            for (int i = 0; i < 3; i++) {
                c.video(i * 40L, new Tag().u8(i == 0 ? 0x1C : 0x2C, 1).u24(0)
                        .bytes(Avcc.join(hevc.accessUnits().get(i), 4)).get());
            }
            RecordingSubscriber sub = finish("live/h265legacy", c);
            assertThat(sub.track(0).codec()).isEqualTo(Codec.H265);
            assertThat(sub.frames(0)).hasSize(3);
            assertThat(sub.frames(0).get(0).keyframe()).isTrue();
        }
    }

    @Test
    void multitrackAv1Vp9AndOpus() throws Exception {
        Path a = Bitstreams.encode(dir, "v.obu", "-f", "lavfi", "-i", SRC, "-frames:v", Integer.toString(FRAMES),
                "-c:v", "libaom-av1", "-cpu-used", "8", "-usage", "realtime", "-g", "5", "-f", "obu");
        List<byte[]> tus = Bitstreams.av1TemporalUnits(Files.readAllBytes(a));
        assertThat(tus).hasSize(FRAMES);
        byte[] seq = Bitstreams.firstObu(tus.get(0), Av1Obu.OBU_SEQUENCE_HEADER);
        byte[] av1C = Av1CodecConfig.of(seq).toBytes();

        Path v = Bitstreams.encode(dir, "v.ivf", "-f", "lavfi", "-i", SRC, "-frames:v", Integer.toString(FRAMES),
                "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-g", "5", "-lag-in-frames", "0",
                "-f", "ivf");
        List<byte[]> vp9 = Bitstreams.ivfFrames(Files.readAllBytes(v));
        assertThat(vp9).hasSize(FRAMES);
        byte[] vpcCBox = Vp9CodecConfig.of(Vp9FrameHeader.parse(vp9.get(0))).toBytes();
        byte[] vpcC = Arrays.copyOfRange(vpcCBox, 4, vpcCBox.length); // bare record, as Enhanced RTMP sends it
        Opus opus = opus();

        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "multi")).isEqualTo("NetStream.Publish.Start");
            c.setChunkSize(60_000);
            // one video tag configures both tracks: ManyTracksManyCodecs, SequenceStart
            c.video(0, new Tag().u8(0x90 | 6, 0x20)
                    .fourCc("av01").u8(0).u24(av1C.length).bytes(av1C)
                    .fourCc("vp09").u8(1).u24(vpcC.length).bytes(vpcC).get());
            // audio on E-RTMP track 1 only: OneTrack
            c.audio(0, new Tag().u8(0x90 | 5, 0x00).fourCc("Opus").u8(1).bytes(opus.head()).get());
            for (int i = 0; i < FRAMES; i++) {
                boolean key = i % 5 == 0;
                // ManyTracks, CodedFrames, with a ModEx prefix (TimestampOffsetNano) on every other frame
                Tag t = new Tag();
                if (i % 2 == 1) {
                    t.u8(0x80 | (key ? 0x10 : 0x20) | 7, 2, 0, 0, 0, 0x06);
                } else {
                    t.u8(0x80 | (key ? 0x10 : 0x20) | 6);
                }
                t.u8(0x21).fourCc("av01").u8(0).u24(tus.get(i).length).bytes(tus.get(i))
                        .fourCc("vp09").u8(1).u24(vp9.get(i).length).bytes(vp9.get(i));
                c.video(i * 33L, t.get());
            }
            for (int i = 0; i < 5; i++) {
                c.audio(i * 20L, new Tag().u8(0x95, 0x01).fourCc("Opus").u8(1).bytes(opus.packets().get(i)).get());
            }
            RecordingSubscriber sub = finish("live/multi", c);

            Track av1 = sub.track(0);
            assertThat(av1.codec()).isEqualTo(Codec.AV1);
            byte[] seqOut = ((CodecParameters.Av1Parameters) av1.parameters()).sequenceHeaderObu();
            assertThat(seqOut).isEqualTo(seq);
            Av1SequenceHeader sh = Av1SequenceHeader.parse(seqOut);
            assertThat(sh.maxFrameWidth()).isEqualTo(320);
            assertThat(sh.maxFrameHeight()).isEqualTo(240);
            List<Frame> af = sub.frames(0);
            assertThat(af).hasSize(FRAMES);
            assertThat(af.get(0).keyframe()).isTrue();
            assertThat(af.stream().filter(Frame::keyframe).count()).isEqualTo(2);
            for (Frame f : af) {
                List<byte[]> obus = ((Payload.Av1TemporalUnit) f.payload()).obus();
                assertThat(obus).noneMatch(o -> Av1Obu.type(o) == Av1Obu.OBU_TEMPORAL_DELIMITER).isNotEmpty();
            }

            Track vpx = sub.track(2);
            assertThat(vpx.codec()).isEqualTo(Codec.VP9);
            assertThat(((CodecParameters.VpxParameters) vpx.parameters()).bitDepth()).isEqualTo(8);
            assertThat(VideoInfo.of(vpx).width()).isEqualTo(320);
            assertThat(VideoInfo.of(vpx).height()).isEqualTo(240);
            assertThat(CodecStrings.of(vpx)).startsWith("vp09.00.");
            assertThat(VideoInfo.of(av1).width()).isEqualTo(320);
            assertThat(CodecStrings.of(av1)).startsWith("av01.0.");
            List<Frame> vf = sub.frames(2);
            assertThat(vf).hasSize(FRAMES);
            assertThat(((Payload.VpxFrame) vf.get(7).payload()).data()).isEqualTo(vp9.get(7));
            assertThat(vf.get(5).keyframe()).isTrue();
            assertThat(vf.get(6).keyframe()).isFalse();
            assertThat(vf.get(9).dts() - vf.get(0).dts()).isEqualTo(9 * 33 * 90);

            Track au = sub.track(3);
            assertThat(au.codec()).isEqualTo(Codec.OPUS);
            assertThat(sub.frames(3)).hasSize(5);
            assertThat(sub.tracks()).hasSize(3);
        }
    }

    @Test
    void sequenceHeaderChangeMidStreamReplacesTheTrack() throws Exception {
        Path h1 = Bitstreams.encode(dir, "a.hevc", "-f", "lavfi", "-i", SRC, "-frames:v", "2", "-c:v", "libx265",
                "-x265-params", "keyint=5:bframes=0:log-level=error", "-f", "hevc");
        Path h2 = Bitstreams.encode(dir, "b.hevc", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-frames:v",
                "2", "-c:v", "libx265", "-x265-params", "keyint=5:bframes=0:log-level=error", "-f", "hevc");
        Bitstreams.Hevc a = Bitstreams.hevc(Files.readAllBytes(h1));
        Bitstreams.Hevc b = Bitstreams.hevc(Files.readAllBytes(h2));
        try (TestRtmpClient c = new TestRtmpClient(server.port())) {
            c.handshake();
            assertThat(c.publish("live", "change")).isEqualTo("NetStream.Publish.Start");
            c.setChunkSize(60_000);
            c.video(0, new Tag().u8(0x90).fourCc("hvc1").bytes(a.hvcC()).get());
            c.video(0, new Tag().u8(0x93).fourCc("hvc1").bytes(Avcc.join(a.accessUnits().get(0), 4)).get());
            c.video(33, new Tag().u8(0x90).fourCc("hvc1").bytes(b.hvcC()).get());
            c.video(33, new Tag().u8(0x93).fourCc("hvc1").bytes(Avcc.join(b.accessUnits().get(0), 4)).get());
            RecordingSubscriber sub = finish("live/change", c);
            assertThat(sub.trackUpdates.size()).isGreaterThanOrEqualTo(2);
            H265Sps sps = H265Sps.parse(((CodecParameters.H265Parameters) sub.track(0).parameters()).sps().get(0));
            assertThat(sps.width()).isEqualTo(640);
            assertThat(sub.frames(0)).hasSize(2);
            assertThat(HevcDecoderConfig.of((CodecParameters.H265Parameters) sub.track(0).parameters()).lengthSize())
                    .isEqualTo(4);
        }
    }
}
