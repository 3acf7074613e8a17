package io.livegate.rtc.sdp;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the answer agreed for one offered media section.
 *
 * @param mid             the section's mid (null if the offer had none)
 * @param kind            "audio", "video", "application"
 * @param accepted        false when the section was rejected (port 0)
 * @param direction       the answer's direction, from our side
 * @param codec           the chosen codec, null when rejected
 * @param feedback        agreed rtcp-fb values ("nack", "nack pli", "ccm fir", "transport-cc", "goog-remb")
 * @param extensions      agreed header extensions: URI → id
 * @param remoteSsrcs     SSRCs the offer announced (a=ssrc), media first
 * @param remoteRtxSsrcs  FID pairs: media SSRC → RTX SSRC
 * @param rids            simulcast rids we agreed to receive, in the offer's order; empty without simulcast
 * @param remoteStreamId  the offer's msid stream id, or null
 */
public record NegotiatedMedia(String mid, String kind, boolean accepted, Direction direction, NegotiatedCodec codec,
                              Set<String> feedback, Map<String, Integer> extensions, List<Long> remoteSsrcs,
                              Map<Long, Long> remoteRtxSsrcs, List<String> rids, String remoteStreamId) {

    public NegotiatedMedia {
        feedback = Set.copyOf(feedback);
        extensions = Map.copyOf(extensions);
        remoteSsrcs = List.copyOf(remoteSsrcs);
        remoteRtxSsrcs = Map.copyOf(remoteRtxSsrcs);
        rids = List.copyOf(rids);
    }

    /** The agreed id of a header extension, or -1. */
    public int extensionId(String uri) {
        Integer id = extensions.get(uri);
        return id == null ? -1 : id;
    }
}
