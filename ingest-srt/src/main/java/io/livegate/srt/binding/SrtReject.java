package io.livegate.srt.binding;

/**
 * Rejection codes a listener callback may set with {@code srt_setrejectreason}: the access-control range
 * ({@code SRT_REJX_*} in {@code access_control.h}, 1000 and up, HTTP-like in 1400-1599) and the library's own
 * reasons below 1000 ({@code SRT_REJ_*}, as the caller reports them).
 */
public final class SrtReject {
    private SrtReject() {
    }

    /** {@code SRT_REJ_BADSECRET}: the passphrases differ. */
    public static final int BADSECRET = 10;
    /** {@code SRT_REJ_UNSECURE}: one side encrypts, the other does not. */
    public static final int UNSECURE = 11;

    /** The first application-defined code; below it are predefined ones. */
    public static final int PREDEFINED = 1000;
    public static final int BAD_REQUEST = 1400;
    public static final int UNAUTHORIZED = 1401;
    public static final int OVERLOAD = 1402;
    public static final int FORBIDDEN = 1403;
    public static final int NOTFOUND = 1404;
    public static final int BAD_MODE = 1405;
    public static final int UNACCEPTABLE = 1406;
    public static final int CONFLICT = 1409;
    public static final int NOTSUP_MEDIA = 1415;
    public static final int ISE = 1500;
    public static final int UNIMPLEMENTED = 1501;
}
