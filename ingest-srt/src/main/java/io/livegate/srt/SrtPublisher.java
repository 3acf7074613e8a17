package io.livegate.srt;

import io.livegate.codec.h264.H264NalType;
import io.livegate.codec.h265.H265NalType;
import io.livegate.media.Codec;
import io.livegate.media.CodecParameters;
import io.livegate.media.Frame;
import io.livegate.media.Payload;
import io.livegate.media.Track;
import io.livegate.router.Publisher;
import io.livegate.srt.mpegts.ElementaryStream;
import io.livegate.srt.mpegts.MediaUnit;
import io.livegate.srt.mpegts.ProgramMap;
import io.livegate.srt.mpegts.StreamKind;
import io.livegate.srt.mpegts.TsListener;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns demultiplexed MPEG-TS into the bus: one {@link Track} per supported elementary stream (the first video is
 * track 0, the first audio track 1, further streams 2, 3, ... in PMT order), parameter sets and
 * AudioSpecificConfig taken from the stream itself, timestamps kept on the TS timeline (90 kHz video, the sampling
 * rate for AAC, 48 kHz for Opus; all share the PTS origin). Video is held back until its first keyframe with
 * parameter sets. Runs on the SRT I/O thread.
 */
public final class SrtPublisher implements TsListener {

    private static final Logger LOG = LoggerFactory.getLogger(SrtPublisher.class);

    private final Publisher publisher;
    private final String label;
    private final Map<Integer, TrackState> byPid = new HashMap<>();
    private long framesIn;
    private long damagedIn;

    /**
     * @param publisher the router handle
     * @param label     who this is, for log lines ({@code peer=... path=...})
     */
    public SrtPublisher(Publisher publisher, String label) {
        this.publisher = publisher;
        this.label = label;
    }

    public long framesIn() {
        return framesIn;
    }

    public long damagedIn() {
        return damagedIn;
    }

    @Override
    public void onProgram(ProgramMap program) {
        Map<Integer, TrackState> next = new HashMap<>();
        boolean videoTaken = false;
        boolean audioTaken = false;
        List<Integer> used = new ArrayList<>();
        // Keep the ids of streams that stay, so a PMT version bump does not renumber tracks.
        for (ElementaryStream e : program.streams()) {
            TrackState old = byPid.get(e.pid());
            if (old != null && old.stream.kind() == e.kind()) {
                next.put(e.pid(), old);
                used.add(old.id);
                videoTaken |= old.id == 0;
                audioTaken |= old.id == 1;
            }
        }
        int spare = 2;
        for (ElementaryStream e : program.streams()) {
            if (!e.kind().supported() || next.containsKey(e.pid())) {
                continue;
            }
            int id;
            if (e.kind().codec().isVideo() && !videoTaken && !used.contains(0)) {
                id = 0;
                videoTaken = true;
            } else if (!e.kind().codec().isVideo() && !audioTaken && !used.contains(1)) {
                id = 1;
                audioTaken = true;
            } else {
                while (used.contains(spare)) {
                    spare++;
                }
                id = spare;
            }
            used.add(id);
            next.put(e.pid(), new TrackState(id, e));
        }
        byPid.clear();
        byPid.putAll(next);
        StringBuilder sb = new StringBuilder();
        for (ElementaryStream e : program.streams()) {
            TrackState t = byPid.get(e.pid());
            sb.append(' ').append(e.kind()).append("@pid").append(e.pid())
                    .append(t == null ? "(skipped)" : "->track" + t.id);
        }
        LOG.info("srt program {} pmt_version={} streams:{}", label, program.version(), sb);
    }

    @Override
    public void onUnsupported(ElementaryStream stream) {
        LOG.warn("srt unsupported stream {} pid={} stream_type=0x{} kind={}: skipped", label, stream.pid(),
                Integer.toHexString(stream.streamType()), stream.kind());
    }

    @Override
    public void onUnit(MediaUnit unit) {
        TrackState t = byPid.get(unit.stream().pid());
        if (t == null) {
            return;
        }
        if (unit.damaged()) {
            damagedIn++;
        }
        switch (unit) {
            case MediaUnit.Video v -> video(t, v);
            case MediaUnit.Audio a -> audio(t, a);
        }
    }

    private void video(TrackState t, MediaUnit.Video v) {
        boolean hevc = t.stream.kind() == StreamKind.H265;
        List<byte[]> vps = new ArrayList<>();
        List<byte[]> sps = new ArrayList<>();
        List<byte[]> pps = new ArrayList<>();
        boolean key = false;
        for (byte[] nal : v.nalUnits()) {
            if (hevc) {
                int type = H265NalType.of(nal);
                switch (type) {
                    case H265NalType.VPS -> vps.add(nal);
                    case H265NalType.SPS -> sps.add(nal);
                    case H265NalType.PPS -> pps.add(nal);
                    default -> key |= H265NalType.isIrap(type);
                }
            } else {
                switch (H264NalType.of(nal)) {
                    case H264NalType.SPS -> sps.add(nal);
                    case H264NalType.PPS -> pps.add(nal);
                    case H264NalType.IDR -> key = true;
                    default -> {
                    }
                }
            }
        }
        if (!sps.isEmpty() && !pps.isEmpty() && (!hevc || !vps.isEmpty())) {
            CodecParameters params = hevc ? new CodecParameters.H265Parameters(vps, sps, pps)
                    : new CodecParameters.H264Parameters(sps, pps);
            setTrack(t, new Track(t.id, hevc ? Codec.H265 : Codec.H264, 90_000, params));
        }
        if (t.track == null || (!t.started && !key)) {
            return; // no decoder can start before a keyframe with parameter sets
        }
        t.started = true;
        write(new Frame(t.id, v.pts(), v.dts(), key, new Payload.NalUnits(v.nalUnits()), System.nanoTime()));
    }

    private void audio(TrackState t, MediaUnit.Audio a) {
        if (t.stream.kind() == StreamKind.AAC_ADTS) {
            if (t.track == null || t.lastConfig != a.audioSpecificConfig()) { // same array while unchanged
                t.lastConfig = a.audioSpecificConfig();
                setTrack(t, new Track(t.id, Codec.AAC, a.clockRate(),
                        new CodecParameters.AacParameters(a.audioSpecificConfig())));
            }
            write(new Frame(t.id, a.pts(), a.pts(), true, new Payload.AacFrame(a.data()), System.nanoTime()));
        } else {
            if (t.track == null) {
                setTrack(t, new Track(t.id, Codec.OPUS, 48_000,
                        new CodecParameters.OpusParameters(a.channels(), 0, 48_000)));
            }
            write(new Frame(t.id, a.pts(), a.pts(), true, new Payload.OpusPacket(a.data()), System.nanoTime()));
        }
    }

    private void setTrack(TrackState t, Track track) {
        if (track.equals(t.track)) {
            return;
        }
        boolean first = t.track == null;
        t.track = track;
        publisher.setTrack(track);
        LOG.info("srt track {} id={} codec={} clock={} {}", label, track.id(), track.codec(), track.clockRate(),
                first ? "added" : "parameters changed");
    }

    private void write(Frame f) {
        framesIn++;
        publisher.write(f);
    }

    private static final class TrackState {
        final int id;
        final ElementaryStream stream;
        Track track;
        byte[] lastConfig;
        boolean started;

        TrackState(int id, ElementaryStream stream) {
            this.id = id;
            this.stream = stream;
        }
    }
}
