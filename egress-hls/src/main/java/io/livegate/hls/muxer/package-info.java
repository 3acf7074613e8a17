/**
 * The LL-HLS muxer of one stream, shaped like gohlslib's: {@link io.livegate.hls.muxer.HlsMuxer} (frames in,
 * requests answered), {@link io.livegate.hls.muxer.Segmenter} (part and segment boundaries: segments on keyframes
 * at the target duration, parts at the part target), per-track renditions writing CMAF chunks,
 * {@link io.livegate.hls.muxer.MediaPlaylistWriter} (rfc8216bis 4.4 media playlists, low-latency and classic),
 * and {@link io.livegate.hls.muxer.BlockingReloadRegistry} (blocking playlist reload and preload hints of
 * rfc8216bis 6.2.5.2/6.2.6, parking requests rather than threads).
 *
 * <p>Video and audio are separate renditions; audio parts end at the video's part boundaries (the first audio
 * frame at or past each boundary starts the next part), so both playlists advance together. Left out: several
 * video renditions (no transcoding), byte-range parts, EXT-X-DATERANGE, gap signalling (EXT-X-GAP).
 */
package io.livegate.hls.muxer;
