package io.livegate.transcode;

import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.transcode.aac.AacDecodeException;
import io.livegate.transcode.aac.AacDecoder;
import io.livegate.transcode.aac.PcmBlock;
import io.livegate.transcode.channel.StereoDownmix;
import io.livegate.transcode.opus.OpusEncodeException;
import io.livegate.transcode.opus.OpusFrameEncoder;
import io.livegate.transcode.resample.PolyphaseResampler;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AAC track to Opus: decode, downmix to stereo, resample to 48 kHz, encode 20 ms packets, and keep the
 * Opus timeline on the AAC one.
 *
 * <p>Timeline: a segment starts at an AAC frame's pts (converted to 48 kHz); packet k of the segment has pts
 * {@code anchor + 960 k}: samples are counted, never durations summed, so nothing drifts. The encoder's
 * look-ahead is skipped at the start of each segment, so decoded Opus sample t plays exactly what the AAC
 * decoder produced for time t (no A/V offset added). Each AAC frame's pts is compared with the pts its
 * predecessors' sample count predicts; a difference of more than one frame (a gap, a jump) or a
 * discontinuity starts a new segment: pending samples (under 20 ms) are dropped, the resampler and encoder
 * restart, and the new anchor is never before the previous packet's end, so pts stay monotonic. A frame that does
 * not decode is counted and replaced by silence of the previous frame's length, keeping the count-based timeline.
 *
 * <p>Not thread-safe: driven by one stream's serial worker.
 */
final class TrackTranscoder {

    private static final Logger LOG = LoggerFactory.getLogger(TrackTranscoder.class);
    private static final int FRAME = OpusFrameEncoder.FRAME_SAMPLES;

    private final String path;
    private final int bitrate;
    private final TranscodeLimits limits;
    private final Consumer<Frame> out;
    private final OpusFrameEncoder encoder;
    private final int lookahead;
    private final short[] pcm = new short[FRAME * 2];

    private Track track;
    private AacDecoder decoder;
    private StereoDownmix downmix;
    private PolyphaseResampler resampler;
    private float[] mixL = new float[0];
    private float[] mixR = new float[0];
    private float[][] resampled = new float[2][0];

    // segment state
    private boolean anchored;
    private int decodedRate;
    private int decodedChannels;
    private int lastFrameSamples;
    private long aacAnchor;
    private long decodedInSegment;
    private long opusAnchor;
    private long packetsInSegment;
    private int skip;
    private int fill;
    private boolean encoderUsed;
    private long lastPts = Long.MIN_VALUE;
    private int consecutiveBad;

    // statistics: written by the worker only, read by the API
    private volatile long framesIn;
    private volatile long framesOut;
    private volatile long badFrames;
    private volatile long reanchors;
    private volatile int inputRate;
    private volatile int inputChannels;

    TrackTranscoder(String path, Track track, int bitrate, int complexity, TranscodeLimits limits, Consumer<Frame> out)
            throws AacDecodeException, OpusEncodeException {
        this.path = path;
        this.bitrate = bitrate;
        this.limits = limits;
        this.out = out;
        this.encoder = new OpusFrameEncoder(bitrate, complexity);
        this.lookahead = encoder.lookahead();
        configure(track);
    }

    /** Starts over with new AAC parameters (an in-band change); the Opus timeline stays monotonic. */
    void configure(Track newTrack) throws AacDecodeException {
        byte[] asc = ((CodecParameters.AacParameters) newTrack.parameters()).audioSpecificConfig();
        AacDecoder d = new AacDecoder(asc, limits.maxAacFrameBytes());
        this.track = newTrack;
        this.decoder = d;
        this.inputRate = d.config().outputSampleRate();
        this.inputChannels = d.config().outputChannels();
        this.anchored = false;
    }

    Track track() {
        return track;
    }

    /** The publisher reconnected or the timeline jumped: the next frame starts a new segment with fresh state. */
    void discontinuity() {
        anchored = false;
        try {
            decoder.reset();
        } catch (AacDecodeException e) {
            LOG.warn("transcode decoder reset failed path={} track={}: {}", path, track.id(), e.getMessage());
        }
    }

    void onFrame(Frame frame) {
        framesIn++;
        if (!(frame.payload() instanceof Payload.AacFrame aac)) {
            return;
        }
        PcmBlock block;
        try {
            block = decoder.decode(aac.data());
            consecutiveBad = 0;
        } catch (AacDecodeException e) {
            badFrame(frame, e);
            return;
        }
        int rate = block.sampleRate();
        int clock = track.clockRate();
        if (!anchored || rate != decodedRate || block.channelCount() != decodedChannels) {
            startSegment(frame.pts(), rate, block.channelCount());
        } else {
            long expected = aacAnchor + decodedInSegment * clock / decodedRate;
            long frameTicks = (long) block.samples() * clock / rate;
            if (Math.abs(frame.pts() - expected) > frameTicks) {
                reanchors++;
                startSegment(frame.pts(), rate, block.channelCount());
            }
        }
        lastFrameSamples = block.samples();
        float[][] channels = new float[block.channelCount()][];
        for (int c = 0; c < channels.length; c++) {
            channels[c] = block.channel(c);
        }
        feed(channels, block.samples(), frame);
    }

    private void badFrame(Frame frame, AacDecodeException e) {
        badFrames++;
        consecutiveBad++;
        if (badFrames == 1 || Long.bitCount(badFrames) == 1) {
            LOG.warn("transcode bad AAC frame path={} track={} pts={} bad_frames={}: {}", path, track.id(),
                    frame.pts(), badFrames, e.getMessage());
        }
        if (consecutiveBad >= limits.maxConsecutiveBadFrames()) {
            consecutiveBad = 0;
            discontinuity();
            return;
        }
        if (anchored && lastFrameSamples > 0) {
            // Silence in place of the frame keeps the sample count, hence the timeline, right.
            float[][] silence = new float[decodedChannels][lastFrameSamples];
            feed(silence, lastFrameSamples, frame);
        }
    }

    private void startSegment(long pts, int rate, int channels) {
        if (resampler == null || resampler.inRate() != rate) {
            resampler = new PolyphaseResampler(rate, OpusFrameEncoder.SAMPLE_RATE, 2);
        } else {
            resampler.reset();
        }
        if (downmix == null || decodedChannels != channels) {
            downmix = new StereoDownmix(channels);
        }
        if (encoderUsed) {
            encoder.reset();
            encoderUsed = false;
        }
        decodedRate = rate;
        decodedChannels = channels;
        inputRate = rate;
        inputChannels = channels;
        aacAnchor = pts;
        decodedInSegment = 0;
        long anchor = Math.floorDiv(pts * OpusFrameEncoder.SAMPLE_RATE, track.clockRate());
        if (lastPts != Long.MIN_VALUE && anchor < lastPts + FRAME) {
            anchor = lastPts + FRAME;
        }
        opusAnchor = anchor;
        packetsInSegment = 0;
        skip = lookahead;
        fill = 0;
        anchored = true;
    }

    private void feed(float[][] channels, int n, Frame source) {
        decodedInSegment += n;
        if (mixL.length < n) {
            mixL = new float[n];
            mixR = new float[n];
        }
        downmix.mix(channels, n, mixL, mixR);
        int max = resampler.maxOutput(n);
        if (resampled[0].length < max) {
            resampled = new float[2][max];
        }
        int m = resampler.process(new float[][] {mixL, mixR}, n, resampled);
        float[] l = resampled[0];
        float[] r = resampled[1];
        int i = 0;
        if (skip > 0) {
            i = Math.min(skip, m);
            skip -= i;
        }
        for (; i < m; i++) {
            pcm[2 * fill] = toShort(l[i]);
            pcm[2 * fill + 1] = toShort(r[i]);
            if (++fill == FRAME) {
                fill = 0;
                emit(source);
            }
        }
    }

    private void emit(Frame source) {
        byte[] packet;
        try {
            packet = encoder.encode(pcm);
            encoderUsed = true;
        } catch (OpusEncodeException e) {
            LOG.warn("transcode Opus encode failed path={} track={}: {}", path, track.id(), e.getMessage());
            packetsInSegment++;
            return;
        }
        long pts = opusAnchor + packetsInSegment * FRAME;
        packetsInSegment++;
        lastPts = pts;
        framesOut++;
        out.accept(new Frame(track.id(), pts, pts, true, new Payload.OpusPacket(packet), source.ingestNanos()));
    }

    private static short toShort(float v) {
        int s = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, s));
    }

    TranscoderInfo info(String streamPath, long cpuNanos, int subscribers) {
        return new TranscoderInfo(streamPath, track.id(), Codec.AAC, inputRate, inputChannels, bitrate, framesIn,
                framesOut, badFrames, reanchors, cpuNanos, subscribers);
    }

    long framesIn() {
        return framesIn;
    }

    long framesOut() {
        return framesOut;
    }

    long badFrames() {
        return badFrames;
    }
}
