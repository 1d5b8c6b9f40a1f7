/**
 * Outbound postbacks from the operator's side (docs/outbound.md): the {@code outbound} command
 * that lists dead letters and sends them again, and the receiver-side check of a signature.
 */
package io.postback.examples.outbound;
