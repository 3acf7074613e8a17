package io.livegate.rtc.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.livegate.rtc.stun.StunAttribute.ErrorCode;
import io.livegate.rtc.stun.StunAttribute.IceControlling;
import io.livegate.rtc.stun.StunAttribute.Priority;
import io.livegate.rtc.stun.StunAttribute.Raw;
import io.livegate.rtc.stun.StunAttribute.UseCandidate;
import io.livegate.rtc.stun.StunAttribute.Username;
import io.livegate.rtc.stun.StunAttribute.XorMappedAddress;
import io.livegate.rtc.stun.StunException.Reason;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StunMessageTest {
    static final byte[] TID = StunRfc5769VectorsTest.TID;

    static StunMessage iceRequest() {
        return new StunMessage(StunMessageType.BINDING_REQUEST, TID, List.of(
                new Username("abcd:efgh"), new Priority(1853824767L), new IceControlling(42), new UseCandidate(),
                new Raw(0xC057, new byte[] {0, 1, 0, 0})));
    }

    @Test
    void roundTripWithIntegrityAndFingerprint() {
        byte[] key = StunCredentials.shortTermKey("password0123456789abcd");
        byte[] wire = iceRequest().encode(key, true);
        StunMessage back = StunMessage.parse(wire);
        assertThat(back.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
        assertThat(back.attributes().subList(0, 5)).isEqualTo(iceRequest().attributes());
        assertThat(back.verifyIntegrity(key)).isTrue();
        assertThat(back.verifyIntegrity(new byte[] {1})).isFalse();
        assertThat(StunMessage.looksLikeStun(wire, 0, wire.length)).isTrue();
    }

    @Test
    void messageTypeBitsInterleave() {
        for (StunClass c : StunClass.values()) {
            for (int method : new int[] {0x001, 0x003, 0x00A, 0xFFF}) {
                StunMessageType t = new StunMessageType(method, c);
                assertThat(StunMessageType.decode(t.encode())).isEqualTo(t);
            }
        }
        assertThat(StunMessageType.BINDING_SUCCESS.encode()).isEqualTo(0x0101);
        assertThat(StunMessageType.BINDING_ERROR.encode()).isEqualTo(0x0111);
        assertThat(StunMessageType.BINDING_INDICATION.encode()).isEqualTo(0x0011);
    }

    @Test
    void errorCodeAndIpv6RoundTrip() {
        StunMessage m = new StunMessage(StunMessageType.BINDING_ERROR, TID, List.of(
                new ErrorCode(487, "Role Conflict"),
                new XorMappedAddress(new InetSocketAddress("::1", 5000))));
        StunMessage back = StunMessage.parse(m.encode());
        assertThat(back.get(ErrorCode.class)).contains(new ErrorCode(487, "Role Conflict"));
        assertThat(back.get(XorMappedAddress.class).orElseThrow().address()).isEqualTo(new InetSocketAddress("::1", 5000));
    }

    @Test
    void attributesAfterIntegrityAreIgnoredButCovered() {
        byte[] key = {7};
        byte[] signed = iceRequest().encode(key, false);
        byte[] extra = Arrays.copyOf(signed, signed.length + 8);
        extra[signed.length + 1] = 0x22; // a comprehension-required attribute with 4 value bytes
        extra[signed.length + 3] = 4;
        extra[3] = (byte) (extra.length - 20);
        StunMessage back = StunMessage.parse(extra);
        assertThat(back.attributes()).hasSize(6);
        assertThat(back.verifyIntegrity(key)).isTrue();
    }

    @Test
    void malformedInputNamesTheReason() {
        byte[] good = iceRequest().encode();
        assertReason(Arrays.copyOf(good, 19), Reason.TOO_SHORT);
        assertReason(Arrays.copyOf(good, good.length - 4), Reason.BAD_LENGTH);
        byte[] notStun = good.clone();
        notStun[4] = 0;
        assertReason(notStun, Reason.NOT_STUN);
        byte[] overrun = good.clone();
        overrun[22] = 0x7F; // USERNAME length beyond the message
        assertReason(overrun, Reason.BAD_ATTRIBUTE);
        byte[] afterFp = Arrays.copyOf(good, good.length + 4);
        afterFp[3] = (byte) (afterFp.length - 20);
        afterFp[good.length + 1] = 0x25;
        // FINGERPRINT itself now no longer matches the new length, so it fails first
        assertThatThrownBy(() -> StunMessage.parse(afterFp)).isInstanceOf(StunException.class);
        assertReason(new byte[2000], Reason.TOO_LONG);
        StunLimits tight = new StunLimits(1500, 2);
        assertThatThrownBy(() -> StunMessage.parse(good, 0, good.length, tight))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_ATTRIBUTES));
    }

    @Test
    void badAttributeValuesAreRejected() {
        StunMessage priorityTooShort = new StunMessage(StunMessageType.BINDING_REQUEST, TID,
                List.of(new Raw(StunAttribute.PRIORITY, new byte[] {1, 2})));
        assertReason(priorityTooShort.encode(null, false), Reason.BAD_ATTRIBUTE);
        StunMessage badFamily = new StunMessage(StunMessageType.BINDING_SUCCESS, TID,
                List.of(new Raw(StunAttribute.XOR_MAPPED_ADDRESS, new byte[] {0, 3, 0, 0, 1, 2, 3, 4})));
        assertReason(badFamily.encode(null, false), Reason.BAD_ATTRIBUTE);
        StunMessage badUtf8 = new StunMessage(StunMessageType.BINDING_REQUEST, TID,
                List.of(new Raw(StunAttribute.USERNAME, new byte[] {(byte) 0xFF})));
        assertReason(badUtf8.encode(null, false), Reason.BAD_ATTRIBUTE);
    }

    private static void assertReason(byte[] wire, Reason reason) {
        assertThatThrownBy(() -> StunMessage.parse(wire))
                .isInstanceOfSatisfying(StunException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
