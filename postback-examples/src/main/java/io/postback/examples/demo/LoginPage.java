package io.postback.examples.demo;

/** The login form of the operator page (docs/operator-page.md, "The login"): a form, no script. */
final class LoginPage {

    private LoginPage() {
    }

    /** @param problem what went wrong with the last attempt; empty at first */
    static String render(String problem) {
        StringBuilder html = new StringBuilder(1_024).append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Postback demo: log in</title>
                <style>body{font-family:system-ui,sans-serif;margin:1.5em;color:#222} .rejected{color:#a00}</style>
                </head><body>
                <h1>Postback demo</h1>
                """);
        if (!problem.isEmpty()) {
            html.append("<p class=\"rejected\" id=\"problem\">").append(Html.escape(problem)).append("</p>\n");
        }
        return html.append("""
                <form method="post" action="/login">
                <label>Operator password <input type="password" name="password" id="password" autocomplete="current-password" autofocus></label>
                <button type="submit" id="login">Log in</button>
                </form>
                </body></html>
                """).toString();
    }
}
