/**
 * Configuration: the documented defaults file ({@code conf/livegate.yaml}, embedded in the jar), an optional
 * user file laid over it, then {@code LIVEGATE_*} environment variables laid over both, bound to records.
 * Unknown keys are errors, so a typo never silently keeps a default.
 */
package io.livegate.gateway.config;
