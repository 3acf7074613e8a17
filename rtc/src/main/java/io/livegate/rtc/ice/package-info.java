/**
 * ICE-lite, controlled role (RFC 8445 §2.5, §6.1.1, §7.3): local credentials (§5.3), host candidates
 * for configured and NAT 1:1 addresses (§5.1.1, §5.1.2), answering Binding requests with short-term
 * credentials (§7.3.1), role conflict (§7.3.1.1, a lite agent always keeps the controlled role and
 * answers 487), nomination through USE-CANDIDATE (§7.3.1.5, §8.2), ICE restart (§9), and consent
 * freshness (RFC 7675) judged from the checks the controlling peer keeps sending.
 *
 * <p>Left out on purpose: gathering server-reflexive or relayed candidates, sending checks, the
 * controlling role, aggressive nomination bookkeeping, RFC 6544 active/so TCP candidates (only
 * passive), and trickle ICE signalling (the WHIP/WHEP layer handles SDP fragments). No sockets here:
 * the transport package feeds parsed STUN messages in and sends the bytes the agent returns.
 */
package io.livegate.rtc.ice;
