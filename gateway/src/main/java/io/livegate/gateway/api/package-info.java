/** The REST API under {@code /api/v1}: streams, their tracks, publishers and subscribers. */
package io.livegate.gateway.api;
