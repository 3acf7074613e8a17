/**
 * The LiveGate server: {@link io.livegate.gateway.LiveGate#main} (CLI), and {@link io.livegate.gateway.Gateway},
 * which wires the router, the protocol modules, the HTTP server, the API and metrics together. Only this
 * module knows every other module.
 */
package io.livegate.gateway;
