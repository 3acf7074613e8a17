package io.livegate.rtc.sdp;

import java.util.Locale;

/**
 * The H.264 profile-level-id fmtp parameter (RFC 6184 8.1): profile_idc, profile-iop (constraint flags) and
 * level_idc. Two ids name the same profile when {@link #profile()} is equal: Constrained Baseline can be
 * written 42e01f, 42c01f, 4d801f or 58c01f, and offer/answer must compare profiles, not bytes (RFC 6184
 * 8.2.2).
 */
public record H264ProfileLevelId(int profileIdc, int profileIop, int levelIdc) {

    /** RFC 6184 8.1: absent means Baseline level 1.0. */
    public static final H264ProfileLevelId DEFAULT = new H264ProfileLevelId(0x42, 0x00, 0x0A);

    /** H.264 Annex A profiles, as far as offer/answer needs to tell them apart. */
    public enum Profile {
        CONSTRAINED_BASELINE, BASELINE, MAIN, EXTENDED, CONSTRAINED_HIGH, PROGRESSIVE_HIGH, HIGH, HIGH_10, HIGH_422,
        HIGH_444, OTHER
    }

    /** Parses six hex digits; null when malformed. */
    public static H264ProfileLevelId parse(String hex) {
        if (hex == null || hex.length() != 6) {
            return null;
        }
        try {
            int v = Integer.parseInt(hex, 16);
            return new H264ProfileLevelId(v >>> 16, (v >>> 8) & 0xFF, v & 0xFF);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** From the first three bytes after the SPS NAL header (profile_idc, constraint flags, level_idc). */
    public static H264ProfileLevelId fromSps(byte[] spsNal) {
        return new H264ProfileLevelId(spsNal[1] & 0xFF, spsNal[2] & 0xFF, spsNal[3] & 0xFF);
    }

    public Profile profile() {
        boolean set0 = (profileIop & 0x80) != 0;
        boolean set1 = (profileIop & 0x40) != 0;
        boolean set3 = (profileIop & 0x10) != 0;
        return switch (profileIdc) {
            case 0x42 -> set1 ? Profile.CONSTRAINED_BASELINE : Profile.BASELINE;
            case 0x4D -> set0 ? Profile.CONSTRAINED_BASELINE : Profile.MAIN;
            case 0x58 -> set0 && set1 ? Profile.CONSTRAINED_BASELINE : set0 ? Profile.BASELINE : Profile.EXTENDED;
            case 0x64 -> (profileIop & 0x0C) == 0x0C ? Profile.CONSTRAINED_HIGH
                    : (profileIop & 0x08) != 0 ? Profile.PROGRESSIVE_HIGH : Profile.HIGH;
            case 0x6E -> Profile.HIGH_10;
            case 0x7A -> Profile.HIGH_422;
            case 0xF4 -> set3 ? Profile.OTHER : Profile.HIGH_444;
            default -> Profile.OTHER;
        };
    }

    /** Same profile per RFC 6184 8.2.2 (levels may differ). */
    public boolean sameProfile(H264ProfileLevelId other) {
        Profile p = profile();
        if (p != other.profile()) {
            return false;
        }
        return p != Profile.OTHER || (profileIdc == other.profileIdc && profileIop == other.profileIop);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%02x%02x%02x", profileIdc, profileIop, levelIdc);
    }
}
