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
        return new SrtAdmission(config, router, active, sessions::get, SrtAccessHook.ALLOW_ALL);
    }

    private static int code(SrtAdmission.Decision d) {
        return ((SrtAdmission.Decision.Reject) d).code();
    }

    @Test
    void acceptsPublishersWithTheirPathsPassphrase() {
        SrtConfig c = SrtConfig.DEFAULTS.withPassphrases("globalsecret1", Map.of("live/a", "pathsecret12"));
        var a = (SrtAdmission.Decision.Accept) admission(c).decide("#!::r=live/a,m=publish", "1.2.3.4:5");
        assertThat(a.passphrase()).isEqualTo("pathsecret12");
        var b = (SrtAdmission.Decision.Accept) admission(c).decide("live/b", "1.2.3.4:5");
        assertThat(b.passphrase()).isEqualTo("globalsecret1");
        var open = (SrtAdmission.Decision.Accept) admission(SrtConfig.DEFAULTS).decide("live/b", "1.2.3.4:5");
        assertThat(open.passphrase()).isNull();
        assertThat(open.streamId().resource()).isEqualTo("live/b");
    }

    @Test
    void rejectsWithAccessControlCodes() {
        SrtAdmission adm = admission(SrtConfig.DEFAULTS);
        assertThat(code(adm.decide("", "1.2.3.4:5"))).isEqualTo(SrtReject.BAD_REQUEST);
        assertThat(code(adm.decide("#!::r=live/a,m=request", "1.2.3.4:5"))).isEqualTo(SrtReject.BAD_MODE);
        assertThat(code(adm.decide("#!::r=live/a,m=nonsense", "1.2.3.4:5"))).isEqualTo(SrtReject.BAD_MODE);
        assertThat(code(adm.decide("#!::r=live/a,t=file", "1.2.3.4:5"))).isEqualTo(SrtReject.NOTSUP_MEDIA);
        assertThat(code(adm.decide("live/a b", "1.2.3.4:5"))).isEqualTo(SrtReject.BAD_REQUEST);
        assertThat(code(adm.decide("live/../etc", "1.2.3.4:5"))).isEqualTo(SrtReject.BAD_REQUEST);
    }

    @Test
    void rejectsABusyPathAndAFullServer() throws Exception {
        SrtAdmission adm = admission(SrtConfig.DEFAULTS.withMaxSessions(2));
        active.add("live/srt");
        assertThat(code(adm.decide("live/srt", "1.2.3.4:5"))).isEqualTo(SrtReject.CONFLICT);
        Publisher other = router.publish(new PublishRequest("live/rtmp", "rtmp", "1.2.3.4", Map.of()), r -> {
        });
        assertThat(code(adm.decide("live/rtmp", "1.2.3.4:5"))).isEqualTo(SrtReject.CONFLICT);
        other.close();
        // the stream is in its grace period now: a new publisher may resume it
        assertThat(adm.decide("live/rtmp", "1.2.3.4:5")).isInstanceOf(SrtAdmission.Decision.Accept.class);
        sessions.set(2);
        assertThat(code(adm.decide("live/new", "1.2.3.4:5"))).isEqualTo(SrtReject.OVERLOAD);
    }

    @Test
    void accessHookSetsThePassphraseOrDeniesDuringTheHandshake() {
        SrtAccessHook hook = (id, remote) -> switch (id.resource()) {
            case "live/known" -> new SrtAccessHook.Access.Allow("perstreamsecret");
            case "live/plain" -> new SrtAccessHook.Access.Allow(null);
            default -> new SrtAccessHook.Access.Deny(SrtReject.NOTFOUND, "unknown stream key from " + remote);
        };
        SrtAdmission adm = new SrtAdmission(SrtConfig.DEFAULTS.withPassphrases("globalsecret1", Map.of()), router,
                active, sessions::get, hook);
        assertThat(((SrtAdmission.Decision.Accept) adm.decide("live/known", "r")).passphrase())
                .isEqualTo("perstreamsecret");
        assertThat(((SrtAdmission.Decision.Accept) adm.decide("live/plain", "r")).passphrase())
                .isEqualTo("globalsecret1");
        SrtAdmission.Decision d = adm.decide("live/other", "9.9.9.9:1");
        assertThat(code(d)).isEqualTo(SrtReject.NOTFOUND);
        assertThat(((SrtAdmission.Decision.Reject) d).message()).contains("9.9.9.9:1");
    }
}
