package io.livegate.srt;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.router.PublishRequest;
import io.livegate.router.Publisher;
import io.livegate.router.StreamRouter;
import io.livegate.srt.binding.SrtReject;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SrtAdmissionTest {

    private final StreamRouter router = new StreamRouter();
    private final Set<String> active = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessions = new AtomicInteger();

    @AfterEach
    void close() {
        router.close();
    }

    private SrtAdmission admission(SrtConfig config) {
        return new SrtAdmission(config, router, active, sessions::get);
    }

    private static int code(SrtAdmission.Decision d) {
        return ((SrtAdmission.Decision.Reject) d).code();
    }

    @Test
    void acceptsPublishersWithTheirPathsPassphrase() {
        SrtConfig c = SrtConfig.DEFAULTS.withPassphrases("globalsecret1", Map.of("live/a", "pathsecret12"));
        var a = (SrtAdmission.Decision.Accept) admission(c).decide("#!::r=live/a,m=publish");
        assertThat(a.passphrase()).isEqualTo("pathsecret12");
        var b = (SrtAdmission.Decision.Accept) admission(c).decide("live/b");
        assertThat(b.passphrase()).isEqualTo("globalsecret1");
        var open = (SrtAdmission.Decision.Accept) admission(SrtConfig.DEFAULTS).decide("live/b");
        assertThat(open.passphrase()).isNull();
        assertThat(open.streamId().resource()).isEqualTo("live/b");
    }

    @Test
    void rejectsWithAccessControlCodes() {
        SrtAdmission adm = admission(SrtConfig.DEFAULTS);
        assertThat(code(adm.decide(""))).isEqualTo(SrtReject.BAD_REQUEST);
        assertThat(code(adm.decide("#!::r=live/a,m=request"))).isEqualTo(SrtReject.BAD_MODE);
        assertThat(code(adm.decide("#!::r=live/a,m=nonsense"))).isEqualTo(SrtReject.BAD_MODE);
        assertThat(code(adm.decide("#!::r=live/a,t=file"))).isEqualTo(SrtReject.NOTSUP_MEDIA);
        assertThat(code(adm.decide("live/a b"))).isEqualTo(SrtReject.BAD_REQUEST);
        assertThat(code(adm.decide("live/../etc"))).isEqualTo(SrtReject.BAD_REQUEST);
    }

    @Test
    void rejectsABusyPathAndAFullServer() throws Exception {
        SrtAdmission adm = admission(SrtConfig.DEFAULTS.withMaxSessions(2));
        active.add("live/srt");
        assertThat(code(adm.decide("live/srt"))).isEqualTo(SrtReject.CONFLICT);
        Publisher other = router.publish(new PublishRequest("live/rtmp", "rtmp", "1.2.3.4", Map.of()), r -> {
        });
        assertThat(code(adm.decide("live/rtmp"))).isEqualTo(SrtReject.CONFLICT);
        other.close();
        assertThat(adm.decide("live/rtmp")).isInstanceOf(SrtAdmission.Decision.Accept.class); // in grace period
        sessions.set(2);
        assertThat(code(adm.decide("live/new"))).isEqualTo(SrtReject.OVERLOAD);
    }
}
