/**
 * Test helpers shipped in rtc's test-jar for the WHIP and WHEP modules: {@link io.livegate.rtc.testing.WebRtcTestPeer},
 * a controlling ICE (RFC 8445 7.2.2, one check with USE-CANDIDATE) and DTLS-client (RFC 5763) peer over loopback
 * UDP with its SRTP contexts (RFC 5764), and {@link io.livegate.rtc.testing.NetnsRunner}, which runs a test server and
 * Chromium in a loopback-only network namespace. Leaves out: ICE-TCP, candidate gathering, retransmitted checks.
 */
package io.livegate.rtc.testing;
