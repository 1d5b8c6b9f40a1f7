/**
 * Internals of the processor. Nothing here is API: it may change in any release.
 */
package io.postback.internal;
