/**
 * The journal replay command: {@link io.postback.examples.replay.ReplayCommand} re-runs rejected
 * postbacks from the demo's database with a fixed catalog, through {@code JournalReplayer}.
 * It runs from the demo jar: {@code java -jar postback-demo.jar replay --help}.
 *
 * <p>No method accepts or returns {@code null}.
 */
package io.postback.examples.replay;
