package dev.gampplanner.agent.context.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Cuts a guidance document converted from PDF to Markdown into one passage per numbered {@code #}
 * section (I, III.A, III.C.2 ...), so a citation can point at the section an auditor would quote.
 *
 * <p>Only numbered sections are kept: the cover pages, the title block and the disclaimer sit under
 * unnumbered headings, and the table of contents repeats the numbered headings with nothing but dot
 * leaders under them, which leaves those sections empty. Page-break residue (the {@code ---} rules and
 * the running header repeated on every page) is dropped wherever it falls, so a paragraph split by a
 * page break is joined again.
 */
public final class GuidanceSections {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*$");
    private static final Pattern ROMAN = Pattern.compile("^([IVX]+)\\.\\s+(.+)$");
    private static final Pattern LETTER = Pattern.compile("^([A-Z])\\.\\s+(.+)$");
    private static final Pattern NUMBER = Pattern.compile("^(\\d+)\\.\\s+(.+)$");
    private static final Pattern DOT_LEADER = Pattern.compile("^\\.{3,}\\s*\\d*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(?:[-*\u2022])\\s+");
    private static final String PAGE_RULE = "---";

    /**
     * How the passages of one guidance document are named.
     *
     * @param idPrefix prefix of every passage id; the section path follows a dot
     * @param citationPrefix the document as an auditor names it; the section path follows a {@code §}
     * @param source the document, as reported in {@code frameworks}
     * @param runningHeader the line the PDF repeated at the top of every page
     */
    public record Document(String idPrefix, String citationPrefix, String source, String runningHeader) {
    }

    private GuidanceSections() {
    }

    public static List<Passage> passages(String markdown, Document document) {
        return new Run(document).parse(markdown);
    }

    private static final class Run {
        private final Document document;
        private final List<Passage> passages = new ArrayList<>();
        private String roman = "";
        private String letter = "";
        private String number = "";
        private String title;
        private final StringBuilder body = new StringBuilder();

        Run(Document document) {
            this.document = document;
        }

        List<Passage> parse(String markdown) {
            for (String raw : markdown.replace("\r\n", "\n").split("\n")) {
                String line = raw.strip();
                if (isResidue(line)) {
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    close();
                    onHeading(heading.group(1));
                } else if (title != null) {
                    body.append(BULLET.matcher(line).replaceFirst("")).append(' ');
                }
            }
            close();
            return List.copyOf(passages);
        }

        private boolean isResidue(String line) {
            return line.isEmpty() || line.equals(PAGE_RULE) || DOT_LEADER.matcher(line).matches()
                || line.replaceFirst("^#+\\s*", "").equals(document.runningHeader());
        }

        private void onHeading(String text) {
            Matcher letterHeading = LETTER.matcher(text);
            Matcher romanHeading = ROMAN.matcher(text);
            Matcher numberHeading = NUMBER.matcher(text);
            // "I." is both a numeral and a letter: it is a letter only where the next letter is expected.
            if (letterHeading.matches() && !roman.isEmpty() && letterHeading.group(1).equals(nextLetter())) {
                letter = letterHeading.group(1);
                number = "";
                title = letterHeading.group(2);
            } else if (romanHeading.matches()) {
                roman = romanHeading.group(1);
                letter = "";
                number = "";
                title = romanHeading.group(2);
            } else if (letterHeading.matches() && !roman.isEmpty()) {
                letter = letterHeading.group(1);
                number = "";
                title = letterHeading.group(2);
            } else if (numberHeading.matches() && !roman.isEmpty()) {
                number = numberHeading.group(1);
                title = numberHeading.group(2);
            } else {
                // An unnumbered heading (cover page, title block, reference list): its text is not guidance.
                title = null;
            }
        }

        private String nextLetter() {
            return letter.isEmpty() ? "A" : String.valueOf((char) (letter.charAt(0) + 1));
        }

        private void close() {
            String text = body.toString().replaceAll("\\s+", " ").strip();
            body.setLength(0);
            if (title == null || text.isEmpty()) {
                return;
            }
            String path = Stream.of(roman, letter, number).filter(part -> !part.isEmpty()).collect(Collectors.joining("."));
            passages.add(new Passage(document.idPrefix() + "." + path, document.citationPrefix() + " §" + path,
                document.source(), displayTitle(title), text, List.of()));
        }

        /** "INTRODUCTION" reads better as "Introduction"; mixed-case headings are kept as written. */
        private static String displayTitle(String heading) {
            String stripped = heading.strip();
            if (!stripped.equals(stripped.toUpperCase(Locale.ROOT))) {
                return stripped;
            }
            String lower = stripped.toLowerCase(Locale.ROOT);
            return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
        }
    }
}
