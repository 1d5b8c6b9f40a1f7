/**
 * In-memory implementations of the SPIs: a thread-safe lead store and a catalog that can be read
 * from a JSON document. Good for tests, demos and small single-node deployments.
 */
package io.postback.memory;
