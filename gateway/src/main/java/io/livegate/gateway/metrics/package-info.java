/** Prometheus metrics at {@code /metrics}: JVM, process and bus metrics (Micrometer). */
package io.livegate.gateway.metrics;
