/**
 * Values exchanged between the processor, its SPIs and its callers: leads, money, the catalog.
 * No value here is ever {@code null}: absent parts are {@code Optional} or empty collections.
 */
package io.postback.model;
