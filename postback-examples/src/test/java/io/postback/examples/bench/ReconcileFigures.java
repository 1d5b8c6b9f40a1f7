package io.postback.examples.bench;

import io.postback.PostbackProcessor;
import io.postback.PostbackRequest;
import io.postback.examples.cli.PostbackDemo;
import io.postback.examples.demo.DemoOptions;
import io.postback.examples.demo.DemoServer;
import io.postback.examples.demo.DemoStorage;
import io.postback.model.Action;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Reconciliation of a large report on the demo's H2 file (docs/rules.md §16.5): an offer with
 * {@code rows} leads, a report of as many rows of which 90% agree, 5% differ in status, 3% in
 * amount and 2% name leads the offer lacks; the command's dry run and its {@code --apply} timed
 * end to end, as an operator runs them. Prints
 * {@code BENCH reconcile_h2 rows=... dry_run_s=... apply_s=... second_run_s=... rows_per_s=...}.
 */
final class ReconcileFigures {

    private ReconcileFigures() {
    }

    static void run(int rows) throws Exception {
        Path dir = Files.createTempDirectory("pb-reconcile");
        try {
            String url = "jdbc:h2:file:" + dir.resolve("postback").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
            DemoOptions options = DemoOptions.defaults().withJdbcUrl(url);
            long filled = System.nanoTime();
            try (DemoStorage storage = DemoStorage.open(options)) {
                PostbackProcessor processor = storage.commandProcessor(DemoServer.loadCatalog(options));
                for (int i = 0; i < rows; i++) {
                    if (i % 50 == 49) {
                        continue; // 2% of the report's leads the offer lacks
                    }
                    processor.handle(PostbackRequest.fromQuery(Action.CREATE,
                            "token=12-abc&click=k" + i + "&exto=o" + i + "&goal=reg&status=wait"));
                }
            }
            double fillSeconds = (System.nanoTime() - filled) / 1e9;
            Path report = dir.resolve("report.csv");
            try (BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
                out.write("exto,click,status,goal,amount\n");
                for (int i = 0; i < rows; i++) {
                    String status = i % 20 == 3 ? "approved" : "in_review";
                    String amount = i % 100 < 3 ? "12.50" : "10.00";
                    out.write("o" + i + ",k" + i + "," + status + ",reg," + amount + "\n");
                }
            }
            String[] reconcile = {"reconcile", "--jdbc-url", url, "--site", "12", "--file", report.toString()};
            double dryRun = timed(reconcile);
            double apply = timed(concat(reconcile, "--apply"));
            double secondRun = timed(reconcile);
            System.out.printf(java.util.Locale.ROOT,
                    "BENCH reconcile_h2 rows=%d dry_run_s=%.1f apply_s=%.1f second_run_s=%.1f rows_per_s=%.0f fill_s=%.1f%n",
                    rows, dryRun, apply, secondRun, rows / dryRun, fillSeconds);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Seconds the command took; its report is counted, not kept. */
    private static double timed(String[] args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int exit = PostbackDemo.run(args, new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException("reconcile failed: " + err.toString(StandardCharsets.UTF_8));
        }
        return seconds;
    }

    private static String[] concat(String[] args, String more) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}
