package dev.gampplanner.audit.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** HTML text and the page frame; every value that comes from a record goes through {@link #escape}. */
final class Html {

    private static final String STYLE = """
        body{font-family:sans-serif;margin:1.5em;color:#222}
        nav a{margin-right:1em}
        table{border-collapse:collapse;margin:.5em 0;width:100%}
        th,td{border:1px solid #ccc;padding:.25em .5em;text-align:left;vertical-align:top;font-size:.9em}
        th{background:#eee}
        code{font-size:.9em}
        .ok{color:#176b17}
        .fail{color:#b00020;font-weight:bold}
        .missing{color:#b00020}
        tr.failed{background:#fde8e8}
        form label{margin-right:1em}
        """;

    private Html() {
    }

    static String escape(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A value for a URL path segment or query parameter. */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
            + " — GAMP Planner audit</title><style>" + STYLE + "</style></head><body>"
            + "<nav><a href=\"/\">Plans</a><a href=\"/verify\">Verify report</a></nav>"
            + "<h1>" + escape(title) + "</h1>" + body + "</body></html>\n";
    }

    static String verdict(boolean ok, String text) {
        return "<span class=\"" + (ok ? "ok\">ok" : "fail\">FAIL") + "</span> " + escape(text);
    }
}
