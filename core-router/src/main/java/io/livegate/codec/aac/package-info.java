/**
 * AAC configuration: the MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1, with GASpecificConfig 4.4.1,
 * program_config_element channel counting, and SBR/PS signalling per 1.6.5) and ADTS headers (1.A.2.2).
 * Not done: decoding raw_data_block, verifying ADTS CRCs, writing program_config_elements, and the configs of
 * non-AAC object types (CELP, HVXC, USAC...) past their channel configuration.
 */
package io.livegate.codec.aac;
