/**
 * A thin JNA binding to libsrt 1.5 (the Debian {@code libsrt1.5-openssl} library, soname {@code libsrt.so.1.5}),
 * covering what a live-mode listener needs: startup/cleanup, socket create/bind/listen/accept/close, socket
 * options ({@code srt_setsockflag}/{@code srt_getsockflag}), the listen callback that sees the caller's stream id
 * before the handshake completes, {@code srt_epoll_uwait}, {@code srt_recvmsg2}, {@code srt_bstats},
 * {@code srt_getlasterror} and the log handler.
 *
 * <p>Constants and struct layouts follow libsrt 1.5.1 {@code srt.h} and {@code access_control.h}
 * ({@code SRT_TRACEBSTATS} 496 bytes, {@code SRT_EPOLL_EVENT} 8 bytes on x86-64). Left out on purpose: sending,
 * caller and rendezvous modes, socket groups (bonding), file mode, and the system-socket epoll calls.
 */
package io.livegate.srt.binding;
