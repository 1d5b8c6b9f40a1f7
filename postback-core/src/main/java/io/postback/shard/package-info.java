/**
 * Sharding by offer (docs/architecture.md, "Scaling out"; rules §10.4): {@link io.postback.shard.OfferShards}
 * holds one {@link io.postback.PostbackProcessor} per shard and sends each postback to the shard of its
 * offer. Every key is per offer and no postback crosses offers, so each shard's database decides its
 * own rules; the router holds no lock and no state. Nothing here returns null.
 */
package io.postback.shard;
