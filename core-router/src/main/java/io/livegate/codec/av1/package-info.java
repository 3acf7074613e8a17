/**
 * AV1: OBU headers and leb128 sizes (AV1 spec 5.3, 4.10.5), temporal unit split/join in the low-overhead
 * bitstream format (Annex B length-delimited format is not supported), the sequence header OBU (5.5 with
 * color_config 5.5.2), key frame detection from the first frame header bits (5.9.2), and the av1C record
 * (AV1-ISOBMFF 2.3.3). Not read: frame headers past frame_type, tile data, metadata OBUs, decoder model details.
 */
package io.livegate.codec.av1;
