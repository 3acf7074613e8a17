/**
 * Channel layout handling: every decoded AAC layout becomes stereo for the Opus encoder. Mono is duplicated to
 * both channels; multichannel layouts (AAC channel configurations 3..7, ISO/IEC 14496-3 Table 1.19, in
 * bitstream order with the centre first) are downmixed with the ITU-R BS.775 coefficients (front 1, centre
 * and surrounds 0.7071, LFE dropped), normalised so that no combination of full-scale inputs clips.
 */
package io.livegate.transcode.channel;
