package dev.gampplanner.llm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What is wrong with a draft: ids the analysis never produced (fatal), and parts missing or malformed (worth a retry). */
public final class DraftCheck {

    /** The first few problems say enough; a long list would only fill the record. */
    private static final int SHOWN = 10;

    private final Set<String> invented = new LinkedHashSet<>();
    private final List<String> malformed = new ArrayList<>();

    /** Records {@code id} as invented unless {@code known} holds it; says whether it was known. */
    public boolean known(String what, String id, Collection<String> known) {
        if (id == null) {
            malformed.add(what + " is missing");
            return false;
        }
        if (!known.contains(id)) {
            invented.add(what + " '" + id + "'");
            return false;
        }
        return true;
    }

    /** A required text that is missing or blank. */
    public void text(String what, String value) {
        if (value == null || value.isBlank()) {
            malformed.add(what + " is missing or blank");
        }
    }

    public void malformed(String problem) {
        malformed.add(problem);
    }

    /** Every id of {@code expected} that {@code drafted} lacks, and every id drafted twice. */
    public void covers(String what, Collection<String> expected, List<String> drafted) {
        Set<String> seen = new HashSet<>();
        for (String id : drafted) {
            if (id != null && !seen.add(id)) {
                malformed.add(what + " '" + id + "' is drafted twice");
            }
        }
        List<String> missing = expected.stream().filter(id -> !seen.contains(id)).toList();
        if (!missing.isEmpty()) {
            malformed.add("no draft for " + what + " " + missing);
        }
    }

    public boolean rejected() {
        return !invented.isEmpty();
    }

    public boolean invalid() {
        return !malformed.isEmpty();
    }

    public String inventions() {
        return summary(new ArrayList<>(invented));
    }

    public String malformations() {
        return summary(malformed);
    }

    private static String summary(List<String> problems) {
        String shown = String.join("; ", problems.subList(0, Math.min(SHOWN, problems.size())));
        return problems.size() > SHOWN ? shown + "; and " + (problems.size() - SHOWN) + " more" : shown;
    }
}
