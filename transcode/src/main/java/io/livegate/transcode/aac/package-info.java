/**
 * AAC decoding to PCM for the transcoder, over the JAAD fork {@code javasound-aac}: AAC-LC (ISO/IEC 14496-3
 * 4.4 raw_data_block), HE-AAC (SBR, 14496-3 4.6.18) and HE-AACv2 (PS, 14496-3 8.6.4), signalled explicitly in
 * the AudioSpecificConfig or implicitly in the bitstream. Left out: ER/LD/ELD object types, channel
 * configuration 0 (program_config_element layouts) and channel configurations above 7.
 */
package io.livegate.transcode.aac;
