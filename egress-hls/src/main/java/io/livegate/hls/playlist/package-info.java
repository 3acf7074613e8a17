/**
 * M3U8 playlists (RFC 8216 and its second edition, draft-pantos-hls-rfc8216bis): one record per tag
 * ({@link io.livegate.hls.playlist.Tag}) and {@link io.livegate.hls.playlist.PlaylistWriter}, which renders a tag list
 * in the attribute syntax of section 4.2. Covers the tags a live fMP4 server emits: the basic and media playlist
 * tags, EXT-X-MAP, EXT-X-PROGRAM-DATE-TIME, EXT-X-DISCONTINUITY(-SEQUENCE), the low-latency tags EXT-X-PART,
 * EXT-X-PART-INF, EXT-X-SERVER-CONTROL, EXT-X-PRELOAD-HINT, EXT-X-RENDITION-REPORT, EXT-X-SKIP, and the multivariant
 * EXT-X-MEDIA and EXT-X-STREAM-INF.
 *
 * <p>Left out: parsing (a server only writes), encryption (EXT-X-KEY), EXT-X-DATERANGE, EXT-X-BYTERANGE, I-frame
 * playlists, session data and content steering.
 */
package io.livegate.hls.playlist;
