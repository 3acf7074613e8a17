/**
 * Opus encoding (RFC 6716) over Concentus, a pure-Java port of libopus 1.1: 48 kHz stereo, 20 ms frames,
 * constrained VBR, in-band FEC enabled. Left out: multistream (surround) Opus, DTX, frame sizes other than 20 ms.
 */
package io.livegate.transcode.opus;
