/** The bulk corrections command of the demo jar (docs/rules.md §16). */
package io.postback.examples.correct;
