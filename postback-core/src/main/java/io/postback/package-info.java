/**
 * The postback processor: {@link io.postback.PostbackProcessor} handles a
 * {@link io.postback.PostbackRequest} and answers a {@link io.postback.PostbackResult}.
 * No method here returns {@code null}; absent values are {@code Optional}.
 */
package io.postback;
