/**
 * Opus: the identification header as Ogg OpusHead (RFC 7845 5.1) and as the ISOBMFF dOps box body (Opus in
 * ISOBMFF 4.3.2), and packet durations from the TOC byte (RFC 6716 3.1, 3.2). Not done: validating code 1-3 frame
 * lengths against the packet size, decoding, and Ogg paging.
 */
package io.livegate.codec.opus;
