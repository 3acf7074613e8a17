/**
 * H.265 bitstream helpers: NAL unit types (ITU-T H.265 Table 7-1), the sequence parameter set (7.3.2.2.1) with
 * profile_tier_level (7.3.3), short-term reference picture sets (7.3.7) and VUI timing (E.2.1), and the
 * HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 8.3.3.1). Annex B / length-prefixed framing and emulation
 * prevention are shared with {@code io.livegate.codec.h264} (same syntax). Not read: VPS and PPS contents, SEI,
 * HRD parameters, VUI bitstream restrictions, SPS range/multilayer/3D/SCC extensions.
 */
package io.livegate.codec.h265;
