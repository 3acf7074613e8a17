/**
 * Structured logs: logfmt (https://brandur.org/logfmt conventions: key=value, quoted when needed) or JSON
 * lines, chosen in the config. JDK {@code System.Logger} calls (core-router) reach the same backend.
 */
package io.livegate.gateway.logging;
