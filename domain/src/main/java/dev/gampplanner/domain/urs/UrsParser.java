package dev.gampplanner.domain.urs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a URS written in Markdown or plain text.
 *
 * <p>Requirements are list items, numbered items or table rows that start with an identifier
 * (letters, then groups joined by {@code -}, {@code _} or {@code .}, with at least one digit:
 * {@code URS-EMS-001}, {@code URS-018-001}, {@code REQ-12}, {@code FR-1.2}), bold or not, followed by
 * {@code :} or a dash. Lines indented under a requirement are its details. A URS that identifies no
 * requirement at all falls back to its "shall" statements, located by section and position; the
 * parser never invents an identifier for a document that has its own.
 */
public final class UrsParser {

    private static final String ID = "[A-Z][A-Z0-9]*(?:[-_.][A-Z0-9]+)+";
    private static final Pattern ID_WITH_DIGIT = Pattern.compile(".*\\d.*");
    private static final Pattern ITEM = Pattern.compile(
        "^(\\s*)(?:[-*+]|\\d+[.)])?\\s*(?:\\*\\*|__)?(" + ID + ")(?:\\*\\*|__)?\\s*(?::|[-\u2013\u2014])\\s*(?:\\*\\*|__)?\\s*(.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|\\s*(?:\\*\\*)?(" + ID + ")(?:\\*\\*)?\\s*\\|(.*)$");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern NUMBERED_HEADING = Pattern.compile("^((?:\\d+\\.)*\\d+)\\.?\\s+(.*)$");
    private static final Pattern METADATA = Pattern.compile("^\\s*(?:\\*\\*|__)?([A-Za-z][A-Za-z /()-]{1,40}?)(?:\\*\\*|__)?\\s*:\\s*(?:\\*\\*|__)?\\s*(.+)$");
    private static final Pattern CATEGORY_LABEL = Pattern.compile("(?i)^\\s*(?:[-*+]\\s*)?(?:\\*\\*|__)?\\s*(?:gamp\\s*(?:5\\s*)?(?:software\\s*)?category|software\\s*category|category)\\b.*");
    private static final Pattern DETAIL = Pattern.compile("^(\\s+)(?:[-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern TITLE_ID = Pattern.compile("^(" + ID + "|[A-Z]+-\\d+)\\s*[:\u2013\u2014-]\\s*(.+)$");
    private static final Pattern SHALL = Pattern.compile("(?i)\\b(shall|must)\\b");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(.*)$");

    private UrsParser() {
    }

    public static UrsDocument parse(String markdown) {
        return new Run(markdown).parse();
    }

    /** Strips emphasis markers and collapses white space. */
    static String clean(String text) {
        return text.replace("**", "").replace("__", "").replace("`", "").replaceAll("\\s+", " ").strip();
    }

    private static final class Run {
        private final String[] lines;
        private final List<UrsSection> sections = new ArrayList<>();
        private final List<UrsRequirement> requirements = new ArrayList<>();
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();
        private final List<UrsLine> metadataLines = new ArrayList<>();
        private final Set<String> ids = new LinkedHashSet<>();
        private final StringBuilder analysisText = new StringBuilder();

        private String documentId = "";
        private String title = "";
        private int titleLine = 0;
        private String sectionNumber = "";
        private String sectionHeading = "";
        private RequirementKind sectionKind = RequirementKind.OTHER;
        private int sectionLine = 0;
        private List<UrsLine> sectionProse = new ArrayList<>();

        private PendingRequirement pending;

        Run(String markdown) {
            this.lines = markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        }

        UrsDocument parse() {
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int lineNumber = i + 1;
                if (CATEGORY_LABEL.matcher(line).matches()) {
                    // Kept as an empty line so line numbers in evidence still point into the original document.
                    analysisText.append('\n');
                    continue;
                }
                analysisText.append(line).append('\n');
                if (line.isBlank()) {
                    continue;
                }
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    closePending();
                    onHeading(heading.group(1).length(), clean(heading.group(2)), lineNumber);
                    continue;
                }
                Matcher item = ITEM.matcher(line);
                if (item.matches() && ID_WITH_DIGIT.matcher(item.group(2)).matches() && !item.group(3).isBlank()
                        && !isForeignIdInDetail(item, line)) {
                    closePending();
                    pending = new PendingRequirement(item.group(2), clean(item.group(3)), lineNumber, item.group(1).length());
                    continue;
                }
                Matcher row = TABLE_ROW.matcher(line);
                if (row.matches() && ID_WITH_DIGIT.matcher(row.group(1)).matches()) {
                    closePending();
                    List<String> cells = tableCells(row.group(2));
                    if (!cells.isEmpty()) {
                        pending = new PendingRequirement(row.group(1), cells.get(0), lineNumber, 0);
                        pending.details.addAll(cells.subList(1, cells.size()));
                        closePending();
                    }
                    continue;
                }
                if (pending != null && isDetailOf(line, pending)) {
                    Matcher detail = DETAIL.matcher(line);
                    pending.details.add(clean(detail.matches() ? detail.group(2) : line));
                    continue;
                }
                closePending();
                if (sections.isEmpty() && sectionHeading.isEmpty()) {
                    Matcher meta = METADATA.matcher(line);
                    if (meta.matches()) {
                        metadata.put(clean(meta.group(1)), clean(meta.group(2)));
                        metadataLines.add(new UrsLine(lineNumber, clean(line)));
                        continue;
                    }
                }
                sectionProse.add(new UrsLine(lineNumber, clean(line)));
            }
            closePending();
            closeSection();
            if (requirements.isEmpty()) {
                requirementsFromShallStatements();
            }
            if (title.isEmpty()) {
                title = metadata.getOrDefault("System Type", "Untitled system");
            }
            return new UrsDocument(documentId, new UrsLine(titleLine, title), metadata, metadataLines, sections, requirements,
                analysisText.toString(), warnings);
        }

        private void onHeading(int level, String text, int lineNumber) {
            if (level == 1 && title.isEmpty()) {
                titleLine = lineNumber;
                Matcher titleId = TITLE_ID.matcher(text);
                if (titleId.matches()) {
                    documentId = titleId.group(1);
                    title = titleId.group(2).strip();
                } else {
                    title = text;
                }
                return;
            }
            closeSection();
            Matcher numbered = NUMBERED_HEADING.matcher(text);
            sectionNumber = numbered.matches() ? numbered.group(1) : "";
            sectionHeading = numbered.matches() ? numbered.group(2).strip() : text;
            sectionKind = RequirementKind.fromHeading(sectionHeading);
            sectionLine = lineNumber;
        }

        private void closeSection() {
            if (!sectionHeading.isEmpty()) {
                sections.add(new UrsSection(sectionNumber, sectionHeading, sectionKind, sectionLine, sectionProse));
            }
            sectionProse = new ArrayList<>();
            sectionHeading = "";
        }

        /** "  - ISA-88: ..." under a URS-... requirement is a detail that happens to start with a standard's name. */
        private boolean isForeignIdInDetail(Matcher item, String line) {
            return pending != null && isDetailOf(line, pending) && !prefixOf(item.group(2)).equals(prefixOf(pending.id));
        }

        private static String prefixOf(String id) {
            return id.split("[-_.]", 2)[0];
        }

        private boolean isDetailOf(String line, PendingRequirement requirement) {
            int indent = line.length() - line.stripLeading().length();
            return indent > requirement.indent;
        }

        private void closePending() {
            if (pending == null) {
                return;
            }
            PendingRequirement done = pending;
            pending = null;
            if (!ids.add(done.id)) {
                warnings.add("requirement id " + done.id + " appears again on line " + done.line + "; the first one is kept");
                return;
            }
            requirements.add(new UrsRequirement(done.id, done.text, sectionLabel(), sectionKind, done.details, done.line, false));
        }

        private String sectionLabel() {
            return sectionHeading.isEmpty() ? "Unsectioned" : sectionHeading;
        }

        /** For a URS without identifiers: each "shall"/"must" bullet or sentence, located as section.position. */
        private void requirementsFromShallStatements() {
            int position = 0;
            String currentSection = "";
            String currentNumber = "";
            RequirementKind currentKind = RequirementKind.OTHER;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                Matcher heading = HEADING.matcher(line);
                if (heading.matches()) {
                    Matcher numbered = NUMBERED_HEADING.matcher(clean(heading.group(2)));
                    currentNumber = numbered.matches() ? numbered.group(1) : String.valueOf(sections.size());
                    currentSection = numbered.matches() ? numbered.group(2) : clean(heading.group(2));
                    currentKind = RequirementKind.fromHeading(currentSection);
                    position = 0;
                    continue;
                }
                if (CATEGORY_LABEL.matcher(line).matches() || !SHALL.matcher(line).find()) {
                    continue;
                }
                Matcher bullet = BULLET.matcher(line);
                String text = clean(bullet.matches() ? bullet.group(1) : line);
                position++;
                String locator = (currentNumber.isEmpty() ? "0" : currentNumber) + "." + position;
                requirements.add(new UrsRequirement(locator, text, currentSection.isEmpty() ? "Unsectioned" : currentSection,
                    currentKind, List.of(), i + 1, true));
            }
            if (!requirements.isEmpty()) {
                warnings.add("the URS identifies no requirement; " + requirements.size()
                    + " shall/must statements are located by section and position instead");
            }
        }

        private static List<String> tableCells(String rest) {
            List<String> cells = new ArrayList<>();
            for (String cell : rest.split("\\|")) {
                String text = clean(cell);
                if (!text.isEmpty() && !text.matches("-+:?|:?-+:?")) {
                    cells.add(text);
                }
            }
            return cells;
        }
    }

    private static final class PendingRequirement {
        final String id;
        final String text;
        final int line;
        final int indent;
        final List<String> details = new ArrayList<>();

        PendingRequirement(String id, String text, int line, int indent) {
            this.id = id;
            this.text = text;
            this.line = line;
            this.indent = indent;
        }
    }
}
