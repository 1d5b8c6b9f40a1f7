/** Command-line parsing shared by the demo server and the replay command. */
package io.postback.examples.cli;
