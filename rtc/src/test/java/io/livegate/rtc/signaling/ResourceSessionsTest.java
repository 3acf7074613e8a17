package io.livegate.rtc.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResourceSessionsTest {

    @Test
    void sessionsForgetUfragAndTokenWithTheSession() {
        ResourceSessions<String> s = new ResourceSessions<>();
        String id = ResourceSessions.newId();
        assertThat(id).hasSize(32).matches("[0-9a-f]+");
        s.put(id, "session", null, "tok");
        assertThat(s.remoteUfrag(id)).isNull();
        s.setRemoteUfrag(id, "uf");
        assertThat(s.remoteUfrag(id)).isEqualTo("uf");
        assertThat(s.token(id)).isEqualTo("tok");
        assertThat(s.all()).containsExactly("session");
        s.remove(id, "session");
        assertThat(s.size()).isZero();
        assertThat(s.remoteUfrag(id)).isNull();
        assertThat(s.token(id)).isNull();
    }
}
