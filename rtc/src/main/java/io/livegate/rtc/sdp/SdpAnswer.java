package io.livegate.rtc.sdp;

import io.livegate.rtc.sdp.SdpAttribute.Fingerprint;
import java.util.List;

/**
 * An answer and what it agreed.
 *
 * @param sdp               the answer to send
 * @param media             one entry per offered media section, in order
 * @param remoteUfrag       the offer's ICE username fragment (of the first bundled section)
 * @param remotePwd         the offer's ICE password
 * @param remoteFingerprint the certificate fingerprint the DTLS handshake must match
 * @param dtlsClient        true when our a=setup is active (we start the DTLS handshake)
 * @param remoteCandidates  candidates in the offer (a WHIP/WHEP offer is usually complete)
 */
public record SdpAnswer(SessionDescription sdp, List<NegotiatedMedia> media, String remoteUfrag, String remotePwd,
                        Fingerprint remoteFingerprint, boolean dtlsClient, List<Candidate> remoteCandidates) {

    public SdpAnswer {
        media = List.copyOf(media);
        remoteCandidates = List.copyOf(remoteCandidates);
    }

    @Override
    public String toString() {
        return "SdpAnswer[media=" + media + ", dtlsClient=" + dtlsClient + "]";
    }
}
