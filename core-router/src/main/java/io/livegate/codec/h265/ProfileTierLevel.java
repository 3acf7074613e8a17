package io.livegate.codec.h265;

import io.livegate.codec.BitReader;

/**
 * The general part of profile_tier_level() (H.265 7.3.3), which both the SPS and the HEVC decoder configuration
 * record carry. Sub-layer profiles and levels are skipped.
 *
 * @param profileSpace          general_profile_space, 0..3
 * @param tier                  general_tier_flag: false Main tier, true High tier
 * @param profileIdc            general_profile_idc (1 Main, 2 Main 10, 3 Main Still Picture, 4 RExt, ...)
 * @param compatibilityFlags    general_profile_compatibility_flag[0..31], flag 0 in the most significant bit
 * @param constraintFlags       the 48 bits from general_progressive_source_flag on (6 bytes, big-endian)
 * @param levelIdc              general_level_idc (30 times the level number: 93 = level 3.1)
 */
public record ProfileTierLevel(int profileSpace, boolean tier, int profileIdc, int compatibilityFlags,
                               long constraintFlags, int levelIdc) {

    static ProfileTierLevel parse(BitReader r, int maxSubLayersMinus1) {
        int space = r.readBits(2);
        boolean tier = r.readFlag();
        int idc = r.readBits(5);
        int compat = r.readBits(32);
        long constraints = r.readBitsLong(48);
        int level = r.readBits(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2L * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skip(88);
            }
            if (levelPresent[i]) {
                r.skip(8);
            }
        }
        return new ProfileTierLevel(space, tier, idc, compat, constraints, level);
    }

    /** The profile's name (Annex A), falling back to the compatibility flags when profile_idc is 0. */
    public String profileName() {
        int idc = profileIdc;
        if (idc == 0) {
            for (int j = 1; j < 32; j++) {
                if ((compatibilityFlags & (0x80000000 >>> j)) != 0) {
                    idc = j;
                    break;
                }
            }
        }
        return switch (idc) {
            case 1 -> "Main";
            case 2 -> "Main 10";
            case 3 -> "Main Still Picture";
            case 4 -> "Format Range Extensions";
            case 5 -> "High Throughput";
            case 9 -> "Screen Content Coding";
            default -> "Profile " + idc;
        };
    }

    /** The level number as text ("3.1", "4"). */
    public String levelName() {
        int tenths = levelIdc / 3;
        return tenths % 10 == 0 ? Integer.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
    }
}
