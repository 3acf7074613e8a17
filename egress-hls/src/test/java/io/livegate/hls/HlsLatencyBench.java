package io.livegate.hls;

import io.livegate.codec.CodecLimits;
import io.livegate.codec.h264.AnnexB;
import io.livegate.codec.h264.H264NalType;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRouter;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Manual latency benchmark (not a test): reads a live H.264 Annex B elementary stream with AUDs at 30 fps from
 * stdin (e.g. a stamped ffmpeg test source), publishes it at {@code live/bench} and serves HLS on
 * 127.0.0.1:{@code port}, so a player with a stamp decoder can measure glass-to-glass latency.
 * Usage: {@code ffmpeg ... -f h264 - | java ... io.livegate.hls.HlsLatencyBench 8099}.
 */
public final class HlsLatencyBench {

    private HlsLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8099;
        StreamRouter router = new StreamRouter();
        EventLoopGroup group = TestHttpServer.newGroup(1);
        HlsEgress egress = new HlsEgress(HlsConfig.DEFAULTS.withLazyStart(false), router, group);
        try (TestHttpServer server = new TestHttpServer(group, egress.handler(), port)) {
            System.err.println("serving " + server.url("/live/bench/index.m3u8"));
            Publisher p = router.publish(new PublishRequest("live/bench", "bench", "stdin", null), reason -> {
            });
            InputStream in = System.in;
            byte[] buf = new byte[0];
            byte[] chunk = new byte[64 * 1024];
            List<byte[]> au = new ArrayList<>();
            long frame = 0;
            boolean trackSet = false;
            CodecLimits limits = new CodecLimits(64 << 20, 100_000, 256);
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf = Arrays.copyOf(buf, buf.length + n);
                System.arraycopy(chunk, 0, buf, buf.length - n, n);
                int last = lastStartCode(buf);
                if (last <= 0) {
                    continue;
                }
                // Everything before the last start code is complete NAL units.
                for (byte[] nal : AnnexB.split(buf, 0, last, limits)) {
                    if (H264NalType.of(nal) == H264NalType.AUD && !au.isEmpty()) {
                        if (!trackSet) {
                            trackSet = setTrack(p, au);
                        }
                        if (trackSet) {
                            p.write(new Frame(0, frame * 3000, frame * 3000, H264NalType.isKeyframe(au),
                                    new Payload.NalUnits(au), System.nanoTime()));
                            frame++;
                        }
                        au = new ArrayList<>();
                    }
                    au.add(nal);
                }
                buf = Arrays.copyOfRange(buf, last, buf.length);
            }
            p.close();
        } finally {
            egress.close();
            router.close();
            group.shutdownGracefully();
        }
    }

    private static boolean setTrack(Publisher p, List<byte[]> au) {
        byte[] sps = null;
        byte[] pps = null;
        for (byte[] nal : au) {
            if (H264NalType.of(nal) == H264NalType.SPS) {
                sps = nal;
            } else if (H264NalType.of(nal) == H264NalType.PPS) {
                pps = nal;
            }
        }
        if (sps == null || pps == null) {
            return false;
        }
        p.setTrack(new Track(0, Codec.H264, 90_000, new CodecParameters.H264Parameters(List.of(sps), List.of(pps))));
        return true;
    }

    private static int lastStartCode(byte[] b) {
        for (int i = b.length - 3; i >= 0; i--) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                return i > 0 && b[i - 1] == 0 ? i - 1 : i;
            }
        }
        return -1;
    }
}
