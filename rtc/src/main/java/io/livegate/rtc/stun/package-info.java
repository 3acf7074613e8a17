/**
 * STUN message codec (RFC 8489) with the attributes ICE needs (RFC 8445 §16): USERNAME,
 * MESSAGE-INTEGRITY (HMAC-SHA1, §14.5), FINGERPRINT (CRC-32 xor 0x5354554e, §14.7),
 * XOR-MAPPED-ADDRESS (IPv4/IPv6, §14.2), ERROR-CODE (§14.8), SOFTWARE, PRIORITY, USE-CANDIDATE,
 * ICE-CONTROLLED and ICE-CONTROLLING. Other attributes are kept as {@link
 * io.livegate.rtc.stun.StunAttribute.Raw} so callers can see comprehension-required ones.
 *
 * <p>Left out on purpose: MESSAGE-INTEGRITY-SHA256, USERHASH, PASSWORD-ALGORITHMS and the long-term
 * credential nonce/realm handshake (§9.2): an ICE-lite server only uses short-term credentials.
 * {@link io.livegate.rtc.stun.StunCredentials#longTermKey} exists for the RFC 5769 vector only. The
 * package knows nothing of sockets or sessions; it maps bytes to values and back.
 */
package io.livegate.rtc.stun;
