/**
 * Reconciliation with an advertiser's report (docs/rules.md §16.5): {@link io.postback.examples.reconcile.ReconcileCommand}
 * streams the report, compares each row with the offer's lead as a dry run, lists the leads the
 * report lacks, and with {@code --apply} sends each difference as a postback of the site.
 */
package io.postback.examples.reconcile;
