/**
 * The exchange rates command (docs/rates.md): loads rates files into the demo's database, lists
 * them, and converts an amount as a postback would.
 */
package io.postback.examples.rates;
