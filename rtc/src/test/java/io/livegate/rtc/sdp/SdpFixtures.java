package io.livegate.rtc.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

final class SdpFixtures {
    static final String CHROME_WHIP = "chromium156-whip-offer.sdp";
    static final String CHROME_SIMULCAST = "chromium156-simulcast-offer.sdp";
    static final String CHROME_WHEP = "chromium156-whep-offer.sdp";
    static final String FIREFOX_WHIP = "firefox-whip-offer-composed.sdp";
    static final String OBS_WHIP = "obs-whip-offer-composed.sdp";
    static final String GSTREAMER_WHIP = "gstreamer122-whip-offer.sdp";
    static final String[] ALL = {CHROME_WHIP, CHROME_SIMULCAST, CHROME_WHEP, FIREFOX_WHIP};

    private SdpFixtures() {
    }

    static String load(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
