/**
 * VP9: the start of the uncompressed frame header (VP9 Bitstream Specification 6.2: frame marker, profile,
 * show_existing_frame, frame_type, sync code, color_config 6.2.2, frame_size 6.2.3) and the vpcC record (VP Codec
 * ISO Media File Format Binding 2.2). Not read: loop filter, quantization, segmentation, tile info, compressed
 * header, superframe index (the first frame of a superframe starts at byte 0 and is what we read).
 */
package io.livegate.codec.vp9;
