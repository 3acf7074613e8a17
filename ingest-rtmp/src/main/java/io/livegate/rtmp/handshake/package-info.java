/**
 * The RTMP handshake (Adobe RTMP 1.0 section 5.2) and its Flash digest variant (HMAC-SHA256 over C1/S1 with
 * the published Flash Player / Media Server keys, both digest layouts). The handler removes itself when done.
 *
 * <p>Left out: RTMPE (C0 version 6, Diffie-Hellman and RC4) and verification of C2, which real encoders fill
 * inconsistently.
 */
package io.livegate.rtmp.handshake;
