package io.livegate.rtc.ice;

import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.rtc.ice.IceCheckResult.ErrorResponse;
import io.livegate.rtc.ice.IceCheckResult.Ignored;
import io.livegate.rtc.ice.IceCheckResult.Success;
import io.livegate.rtc.stun.StunAttribute;
import io.livegate.rtc.stun.StunAttribute.ErrorCode;
import io.livegate.rtc.stun.StunAttribute.IceControlled;
import io.livegate.rtc.stun.StunAttribute.IceControlling;
import io.livegate.rtc.stun.StunAttribute.Priority;
import io.livegate.rtc.stun.StunAttribute.UseCandidate;
import io.livegate.rtc.stun.StunAttribute.Username;
import io.livegate.rtc.stun.StunAttribute.XorMappedAddress;
import io.livegate.rtc.stun.StunCredentials;
import io.livegate.rtc.stun.StunMessage;
import io.livegate.rtc.stun.StunMessageType;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IceLiteAgentTest {
    static final RemoteEndpoint A = new RemoteEndpoint(IceTransportProtocol.UDP, new InetSocketAddress("127.0.0.1", 40000));
    static final RemoteEndpoint B = new RemoteEndpoint(IceTransportProtocol.UDP, new InetSocketAddress("127.0.0.1", 40001));
    static final RemoteEndpoint T = new RemoteEndpoint(IceTransportProtocol.TCP, new InetSocketAddress("127.0.0.1", 40000));

    final FakeClock clock = new FakeClock();
    final IceCredentials local = IceCredentials.random();
    final IceCredentials remote = IceCredentials.random();
    IceLiteAgent agent;

    @BeforeEach
    void setUp() {
        agent = new IceLiteAgent(local, remote, Duration.ofSeconds(30), 4, clock);
    }

    /** A check as a controlling browser sends it. */
    static StunMessage check(IceCredentials to, IceCredentials from, boolean useCandidate, long priority,
            StunAttribute... extra) {
        List<StunAttribute> attrs = new ArrayList<>(List.of(new Username(to.ufrag() + ":" + from.ufrag()),
                new Priority(priority), new IceControlling(7)));
        if (useCandidate) {
            attrs.add(new UseCandidate());
        }
        attrs.addAll(List.of(extra));
        byte[] tid = new byte[12];
        ThreadLocalRandom.current().nextBytes(tid);
        byte[] wire = new StunMessage(StunMessageType.BINDING_REQUEST, tid, attrs)
                .encode(StunCredentials.shortTermKey(to.pwd()), true);
        return StunMessage.parse(wire);
    }

    @Test
    void answersAValidCheckWithAnAuthenticatedXorMappedAddress() {
        StunMessage req = check(local, remote, false, 100);
        Success s = (Success) agent.handle(req, A);
        StunMessage resp = StunMessage.parse(s.response());
        assertThat(resp.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(resp.transactionId()).isEqualTo(req.transactionId());
        assertThat(resp.get(XorMappedAddress.class).orElseThrow().address()).isEqualTo(A.address());
        assertThat(resp.verifyIntegrity(StunCredentials.shortTermKey(local.pwd()))).isTrue();
        assertThat(s.nominated()).isFalse();
        assertThat(agent.isValid(A)).isTrue();
        assertThat(agent.selected()).isEmpty();
    }

    @Test
    void useCandidateSelectsThePairAndHigherPriorityWins() {
        Success first = (Success) agent.handle(check(local, remote, true, 100), A);
        assertThat(first.selectedChanged()).isTrue();
        assertThat(agent.selected()).contains(A);
        Success lower = (Success) agent.handle(check(local, remote, true, 50), B);
        assertThat(lower.selectedChanged()).isFalse();
        assertThat(agent.selected()).contains(A);
        Success higher = (Success) agent.handle(check(local, remote, true, 200), T);
        assertThat(higher.selectedChanged()).isTrue();
        assertThat(agent.selected()).contains(T);
        Success again = (Success) agent.handle(check(local, remote, true, 200), T);
        assertThat(again.selectedChanged()).isFalse();
    }

    @Test
    void wrongPasswordOrUfragGets401WithoutIntegrity() {
        IceCredentials impostor = new IceCredentials(local.ufrag(), "wrongwrongwrongwrongwrong");
        ErrorResponse e = (ErrorResponse) agent.handle(check(impostor, remote, true, 1), A);
        assertThat(e.code()).isEqualTo(401);
        StunMessage resp = StunMessage.parse(e.response());
        assertThat(resp.get(ErrorCode.class).orElseThrow().code()).isEqualTo(401);
        assertThat(resp.has(StunAttribute.MessageIntegrity.class)).isFalse();

        IceCredentials otherRemote = IceCredentials.random();
        assertThat(((ErrorResponse) agent.handle(check(local, otherRemote, true, 1), A)).code()).isEqualTo(401);
        assertThat(agent.isValid(A)).isFalse();
        assertThat(agent.selected()).isEmpty();
    }

    @Test
    void missingUsernameGets400() {
        byte[] wire = new StunMessage(StunMessageType.BINDING_REQUEST, new byte[12], List.of(new Priority(1)))
                .encode(StunCredentials.shortTermKey(local.pwd()), true);
        assertThat(((ErrorResponse) agent.handle(StunMessage.parse(wire), A)).code()).isEqualTo(400);
    }

    @Test
    void iceControlledPeerGetsRoleConflictAndIsNotValidated() {
        ErrorResponse e = (ErrorResponse) agent.handle(check(local, remote, true, 1, new IceControlled(Long.MAX_VALUE)), A);
        assertThat(e.code()).isEqualTo(487);
        assertThat(StunMessage.parse(e.response()).verifyIntegrity(StunCredentials.shortTermKey(local.pwd()))).isTrue();
        assertThat(agent.isValid(A)).isFalse();
    }

    @Test
    void unknownComprehensionRequiredAttributeGets420() {
        ErrorResponse e = (ErrorResponse) agent.handle(
                check(local, remote, false, 1, new StunAttribute.Raw(0x0777, new byte[4])), A);
        assertThat(e.code()).isEqualTo(420);
        StunAttribute.Raw list = StunMessage.parse(e.response()).attributes().stream()
                .filter(a -> a instanceof StunAttribute.Raw r && r.type() == 0x000A).map(StunAttribute.Raw.class::cast)
                .findFirst().orElseThrow();
        assertThat(list.value()).containsExactly(0x07, 0x77);
        // comprehension-optional unknowns are fine
        assertThat(agent.handle(check(local, remote, false, 1, new StunAttribute.Raw(0xC057, new byte[4])), A))
                .isInstanceOf(Success.class);
    }

    @Test
    void indicationsAndResponsesAreIgnored() {
        byte[] wire = new StunMessage(StunMessageType.BINDING_INDICATION, new byte[12], List.of()).encode();
        assertThat(agent.handle(StunMessage.parse(wire), A)).isEqualTo(new Ignored(IceCheckResult.IgnoreReason.NOT_A_BINDING_REQUEST));
    }

    @Test
    void endpointsAreBounded() {
        for (int port = 1; port <= 4; port++) {
            RemoteEndpoint e = new RemoteEndpoint(IceTransportProtocol.UDP, new InetSocketAddress("127.0.0.1", port));
            assertThat(agent.handle(check(local, remote, false, 1), e)).isInstanceOf(Success.class);
        }
        assertThat(agent.handle(check(local, remote, false, 1), A))
                .isEqualTo(new Ignored(IceCheckResult.IgnoreReason.TOO_MANY_ENDPOINTS));
    }

    @Test
    void consentExpiresWithoutChecksOnTheSelectedPair() {
        clock.advance(Duration.ofSeconds(29));
        assertThat(agent.consentExpired()).isFalse();
        agent.handle(check(local, remote, true, 100), A);
        clock.advance(Duration.ofSeconds(20));
        // checks on a pair that is not selected do not refresh consent
        agent.handle(check(local, remote, false, 100), B);
        clock.advance(Duration.ofSeconds(11));
        assertThat(agent.consentExpired()).isTrue();
        agent.handle(check(local, remote, false, 100), A);
        assertThat(agent.consentExpired()).isFalse();
    }

    @Test
    void connectionThatNeverChecksLosesConsent() {
        clock.advance(Duration.ofSeconds(31));
        assertThat(agent.consentExpired()).isTrue();
    }

    @Test
    void restartSwapsCredentialsAndKeepsTheSelectedPair() {
        agent.handle(check(local, remote, true, 100), A);
        agent.handle(check(local, remote, false, 100), B);
        IceCredentials newRemote = IceCredentials.random();
        IceCredentials newLocal = agent.restart(newRemote);
        assertThat(newLocal.ufrag()).isNotEqualTo(local.ufrag());
        assertThat(agent.selected()).contains(A);
        assertThat(agent.isValid(B)).isFalse();
        assertThat(((ErrorResponse) agent.handle(check(local, remote, false, 1), A)).code()).isEqualTo(401);
        Success s = (Success) agent.handle(check(newLocal, newRemote, true, 300), B);
        assertThat(s.selectedChanged()).isTrue();
        assertThat(agent.selected()).contains(B);
    }

    @Test
    void closedAgentIgnoresEverything() {
        agent.close();
        assertThat(agent.handle(check(local, remote, true, 1), A)).isInstanceOf(Ignored.class);
    }

    @Test
    void candidateLines() {
        IceCandidate udp = IceCandidate.host(java.net.InetAddress.getLoopbackAddress(), 8189, IceTransportProtocol.UDP, 0);
        IceCandidate tcp = IceCandidate.host(java.net.InetAddress.getLoopbackAddress(), 8189, IceTransportProtocol.TCP, 0);
        assertThat(udp.toSdpAttribute()).isEqualTo("candidate:1 1 udp 2130706431 127.0.0.1 8189 typ host");
        assertThat(tcp.toSdpAttribute()).isEqualTo("candidate:2 1 tcp 2122317823 127.0.0.1 8189 typ host tcptype passive");
        assertThat(udp.priority()).isGreaterThan(tcp.priority());
    }

    @Test
    void generatedCredentialsAreValidIceChars() {
        IceCredentials c = IceCredentials.random();
        assertThat(c.ufrag()).hasSize(8).matches("[A-Za-z0-9+/]+");
        assertThat(c.pwd()).hasSize(24).matches("[A-Za-z0-9+/]+");
        assertThat(c.toString()).doesNotContain(c.pwd());
    }
}
