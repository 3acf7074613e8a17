/**
 * H.264 bitstream helpers: Annex B and AVCC (ISO/IEC 14496-15 5.3.2) framing, emulation prevention
 * (ITU-T H.264 7.4.1), NAL unit types (Table 7-1), the sequence parameter set with its VUI (7.3.2.1.1, E.1.1)
 * and the AVCDecoderConfigurationRecord (ISO/IEC 14496-15 5.3.3.1). Picture parameter sets, slice headers, SEI
 * and subset SPS (SVC/MVC) are not parsed: the gateway passes them through untouched.
 */
package io.livegate.codec.h264;
