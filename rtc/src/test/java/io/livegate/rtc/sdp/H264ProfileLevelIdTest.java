package io.livegate.rtc.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.sdp.H264ProfileLevelId.Profile;
import org.junit.jupiter.api.Test;

class H264ProfileLevelIdTest {

    private static Profile p(String hex) {
        return H264ProfileLevelId.parse(hex).profile();
    }

    @Test
    void classifiesTheProfilesBrowsersOffer() {
        assertThat(p("42e01f")).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(p("42c01f")).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(p("4d801f")).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(p("58c01f")).isEqualTo(Profile.CONSTRAINED_BASELINE);
        assertThat(p("42001f")).isEqualTo(Profile.BASELINE);
        assertThat(p("4d001f")).isEqualTo(Profile.MAIN);
        assertThat(p("640c1f")).isEqualTo(Profile.CONSTRAINED_HIGH);
        assertThat(p("64001f")).isEqualTo(Profile.HIGH);
        assertThat(p("f4001f")).isEqualTo(Profile.HIGH_444);
    }

    @Test
    void sameProfileIgnoresLevelButNotConstraints() {
        H264ProfileLevelId a = H264ProfileLevelId.parse("42e01f");
        assertThat(a.sameProfile(H264ProfileLevelId.parse("42e033"))).isTrue();
        assertThat(a.sameProfile(H264ProfileLevelId.parse("4d801f"))).isTrue();
        assertThat(a.sameProfile(H264ProfileLevelId.parse("42001f"))).isFalse();
        assertThat(a.sameProfile(H264ProfileLevelId.parse("64001f"))).isFalse();
        assertThat(H264ProfileLevelId.parse("zz")).isNull();
        assertThat(H264ProfileLevelId.parse("4200zz")).isNull();
        assertThat(H264ProfileLevelId.fromSps(new byte[] {0x67, 0x64, 0x00, 0x28}).toString()).isEqualTo("640028");
    }
}
