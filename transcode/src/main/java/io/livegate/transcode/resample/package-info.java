/**
 * Band-limited sample-rate conversion to the Opus rate: a rational polyphase resampler whose prototype is a
 * Kaiser-windowed sinc (see {@link io.livegate.transcode.resample.PolyphaseResampler} for the filter). Any input
 * rate whose ratio to the output reduces to at most {@link io.livegate.transcode.resample.PolyphaseResampler#MAX_PHASES}
 * phases is exact (no drift: output sample n sits exactly at input time n * in / out). Left out: arbitrary
 * irrational ratios and drift-compensating (asynchronous) resampling.
 */
package io.livegate.transcode.resample;
