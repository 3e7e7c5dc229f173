package dev.gampplanner.planner.category;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsLine;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.domain.urs.UrsSection;
import dev.gampplanner.planner.text.ScreenedPattern;
import dev.gampplanner.schema.CategoryDecision;
import dev.gampplanner.schema.CategoryEvidence;
import dev.gampplanner.schema.CategoryScore;
import dev.gampplanner.schema.CategorySource;

/**
 * Decides the GAMP 5 software category of a system from its URS body.
 *
 * <p>The URS is read block by block (title, metadata, prose lines, each requirement with its
 * details). Signals from {@link CategorizationRules} score the categories; custom work done with the
 * product's own tools is counted as configuration. The winner's confidence combines its share of
 * all evidence with its margin over the runner-up; a low confidence or a close runner-up asks for a
 * person's review. The document's own category label never reaches this class.
 */
public final class Categorizer {

    private static final int MAX_EVIDENCE = 8;
    private static final int MAX_COUNTER_EVIDENCE = 6;
    private static final int EXCERPT_CONTEXT = 40;

    private enum Scope { TITLE, DESCRIPTION, BODY }

    private record Block(int line, String text, Scope scope) {
    }

    private record CompiledSignal(CategorizationRules.Signal signal, ScreenedPattern pattern) {
    }

    private record CompiledReinterpretation(CategorizationRules.Reinterpretation rule, ScreenedPattern when,
                                            ScreenedPattern unless) {
    }

    /** One match of one signal, with the category it counts for after reinterpretation. */
    private record Hit(String signalId, String label, GampCategory category, double weight, String phrase, int line) {
    }

    private final CategorizationRules rules;
    private final List<CompiledSignal> signals;
    private final List<CompiledReinterpretation> reinterpretations;

    public Categorizer(CategorizationRules rules) {
        this.rules = rules;
        this.signals = rules.signals().stream().map(s -> {
            GampCategory.require(s.category());
            return new CompiledSignal(s, ScreenedPattern.compile(s.pattern()));
        }).toList();
        this.reinterpretations = rules.reinterpretations().stream().map(r -> new CompiledReinterpretation(r,
            ScreenedPattern.compile(r.when()), ScreenedPattern.compile(r.unless()))).toList();
    }

    /** The submitted category confirmed against the text or, without one, the category the URS reads as. */
    public CategoryDecision categorise(UrsDocument urs, Optional<GampCategory> submitted) {
        return submitted.map(category -> confirm(urs, category)).orElseGet(() -> determine(urs));
    }

    /** The category the URS reads as. */
    public CategoryDecision determine(UrsDocument urs) {
        return determined(analyse(urs));
    }

    private CategoryDecision determined(Analysis analysis) {
        List<CategoryScore> ranked = analysis.ranked();
        if (ranked.get(0).getScore() == 0.0) {
            return CategoryDecision.newBuilder()
                .setCategory(GampCategory.CUSTOM.number())
                .setSource(CategorySource.DETERMINED)
                .setConfidence(0.0)
                .setEvidence(List.of())
                .setCounterEvidence(List.of())
                .setScores(ranked)
                .setReviewRequired(true)
                .setReviewReason("the URS says nothing that indicates a software category; Category 5 (the most rigorous) "
                    + "is assumed until a person decides")
                .build();
        }
        GampCategory winner = GampCategory.require(ranked.get(0).getCategory());
        double confidence = analysis.confidence();
        double margin = analysis.margin();
        String reviewReason = null;
        if (confidence < rules.review().minimumConfidence()) {
            reviewReason = "confidence " + format(confidence) + " is below " + format(rules.review().minimumConfidence());
        }
        if (margin < rules.review().minimumMargin()) {
            String close = "Categories " + ranked.get(0).getCategory() + " and " + ranked.get(1).getCategory()
                + " are close (scores " + format(ranked.get(0).getScore()) + " and " + format(ranked.get(1).getScore()) + ")";
            reviewReason = reviewReason == null ? close : reviewReason + "; " + close;
        }
        return CategoryDecision.newBuilder()
            .setCategory(winner.number())
            .setSource(CategorySource.DETERMINED)
            .setConfidence(round(confidence))
            .setEvidence(analysis.evidenceFor(winner, MAX_EVIDENCE))
            .setCounterEvidence(analysis.evidenceAgainst(winner, MAX_COUNTER_EVIDENCE))
            .setScores(ranked)
            .setReviewRequired(reviewReason != null)
            .setReviewReason(reviewReason == null ? null : reviewReason + "; confirm the category before using the plan")
            .build();
    }

    /**
     * The submitter's category, checked against the URS: a clear disagreement asks for review rather
     * than silently overruling either side.
     */
    public CategoryDecision confirm(UrsDocument urs, GampCategory submitted) {
        Analysis analysis = analyse(urs);
        CategoryDecision read = determined(analysis);
        boolean disagrees = read.getCategory() != submitted.number()
            && read.getConfidence() >= rules.review().minimumConfidence();
        return CategoryDecision.newBuilder()
            .setCategory(submitted.number())
            .setSource(CategorySource.SUBMITTED)
            .setConfidence(1.0)
            .setEvidence(analysis.evidenceFor(submitted, MAX_EVIDENCE))
            .setCounterEvidence(analysis.evidenceAgainst(submitted, MAX_COUNTER_EVIDENCE))
            .setScores(read.getScores())
            .setReviewRequired(disagrees)
            .setReviewReason(disagrees ? "submitted as Category " + submitted.number() + " but the URS reads as Category "
                + read.getCategory() + " (confidence " + format(read.getConfidence()) + ")" : null)
            .build();
    }

    private Analysis analyse(UrsDocument urs) {
        List<Hit> hits = new ArrayList<>();
        for (Block block : blocks(urs)) {
            String text = block.text();
            String folded = ScreenedPattern.fold(text);
            Optional<CategorizationRules.Reinterpretation> moved = reinterpretations.stream()
                .filter(r -> r.when().find(text, folded) && !r.unless().find(text, folded))
                .map(CompiledReinterpretation::rule)
                .findFirst();
            double multiplier = block.scope() == Scope.BODY ? 1.0 : 2.0;
            for (CompiledSignal compiled : signals) {
                CategorizationRules.Signal signal = compiled.signal();
                if (!inScope(signal.scope(), block.scope()) || !compiled.pattern().mayOccurIn(folded)) {
                    continue;
                }
                Matcher matcher = compiled.pattern().matcher(text);
                while (matcher.find()) {
                    int category = signal.category();
                    String label = signal.label();
                    if (moved.isPresent() && moved.get().fromCategory() == category) {
                        category = moved.get().toCategory();
                        label = label + ", " + moved.get().description();
                    }
                    hits.add(new Hit(signal.id(), label, GampCategory.require(category), signal.weight() * multiplier,
                        excerpt(text, matcher.start(), matcher.end()), lineOf(block, matcher.start())));
                }
            }
        }
        return new Analysis(hits);
    }

    /** Title, metadata, prose lines and requirements (with their details), each scoped by where it stands. */
    private static List<Block> blocks(UrsDocument urs) {
        List<Block> blocks = new ArrayList<>();
        if (urs.titleLine().number() > 0) {
            blocks.add(new Block(urs.titleLine().number(), urs.title(), Scope.TITLE));
        }
        for (UrsLine line : urs.metadataLines()) {
            boolean systemType = line.text().toLowerCase(Locale.ROOT).startsWith("system type");
            blocks.add(new Block(line.number(), line.text(), systemType ? Scope.TITLE : Scope.DESCRIPTION));
        }
        for (UrsSection section : urs.sections()) {
            Scope scope = isIntroduction(section) ? Scope.DESCRIPTION : Scope.BODY;
            for (UrsLine line : section.prose()) {
                blocks.add(new Block(line.number(), line.text(), scope));
            }
        }
        for (UrsRequirement requirement : urs.requirements()) {
            blocks.add(new Block(requirement.line(), requirement.fullText(), Scope.BODY));
        }
        return blocks;
    }

    private static boolean isIntroduction(UrsSection section) {
        String heading = section.heading().toLowerCase(Locale.ROOT);
        return heading.contains("introduction") || heading.contains("purpose") || heading.contains("overview")
            || heading.contains("background") || heading.equals("scope") || heading.contains("system description");
    }

    private static boolean inScope(String signalScope, Scope blockScope) {
        return switch (signalScope) {
            case "title" -> blockScope == Scope.TITLE;
            case "system-description" -> blockScope != Scope.BODY;
            case "any" -> true;
            default -> throw new IllegalStateException("unknown signal scope '" + signalScope + "' in categorization.yaml");
        };
    }

    /** The requirement's detail lines follow it one per line, so an offset maps back to a line number. */
    private static int lineOf(Block block, int offset) {
        int newlines = 0;
        for (int i = 0; i < offset; i++) {
            if (block.text().charAt(i) == '\n') {
                newlines++;
            }
        }
        return block.line() + newlines;
    }

    /** The match with some context, within its own line, cut at word boundaries. */
    private static String excerpt(String text, int start, int end) {
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        int lineEnd = text.indexOf('\n', end);
        if (lineEnd < 0) {
            lineEnd = text.length();
        }
        int from = Math.max(lineStart, start - EXCERPT_CONTEXT);
        int to = Math.min(lineEnd, end + EXCERPT_CONTEXT);
        while (from > lineStart && from < start && !Character.isWhitespace(text.charAt(from - 1))) {
            from++;
        }
        while (to < lineEnd && to > end && !Character.isWhitespace(text.charAt(to))) {
            to--;
        }
        String snippet = text.substring(from, to).strip();
        return (from > lineStart ? "..." : "") + snippet + (to < lineEnd ? "..." : "");
    }

    private static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** The hits of one URS, scored. */
    private static final class Analysis {
        private final List<Hit> hits;
        private final Map<GampCategory, Double> scores = new EnumMap<>(GampCategory.class);
        private final Map<String, Integer> matchesPerSignal = new LinkedHashMap<>();

        Analysis(List<Hit> hits) {
            this.hits = hits;
            for (GampCategory category : GampCategory.values()) {
                scores.put(category, 0.0);
            }
            for (Hit hit : hits) {
                matchesPerSignal.merge(key(hit), 1, Integer::sum);
            }
            for (Hit hit : hits) {
                scores.merge(hit.category(), effectiveWeight(hit), Double::sum);
            }
        }

        private static String key(Hit hit) {
            return hit.category() + "/" + hit.signalId();
        }

        /** n matches of one signal add weight x sqrt(n): repetition counts, but less each time. */
        private double effectiveWeight(Hit hit) {
            return hit.weight() / Math.sqrt(matchesPerSignal.get(key(hit)));
        }

        List<CategoryScore> ranked() {
            return scores.entrySet().stream()
                .sorted(Map.Entry.<GampCategory, Double>comparingByValue().reversed()
                    .thenComparing(e -> e.getKey().number()))
                .map(e -> new CategoryScore(e.getKey().number(), round(e.getValue())))
                .toList();
        }

        double confidence() {
            double total = scores.values().stream().mapToDouble(Double::doubleValue).sum();
            List<CategoryScore> ranked = ranked();
            return total == 0 ? 0 : 0.5 * ranked.get(0).getScore() / total + 0.5 * margin();
        }

        double margin() {
            List<CategoryScore> ranked = ranked();
            double top = ranked.get(0).getScore();
            return top == 0 ? 0 : (top - ranked.get(1).getScore()) / top;
        }

        List<CategoryEvidence> evidenceFor(GampCategory category, int limit) {
            return strongest(hits.stream().filter(h -> h.category() == category).toList(), limit);
        }

        List<CategoryEvidence> evidenceAgainst(GampCategory category, int limit) {
            return strongest(hits.stream().filter(h -> h.category() != category).toList(), limit);
        }

        private List<CategoryEvidence> strongest(List<Hit> candidates, int limit) {
            Map<String, CategoryEvidence> distinct = new LinkedHashMap<>();
            candidates.stream()
                .sorted(Comparator.comparingDouble(this::effectiveWeight).reversed()
                    .thenComparingInt(Hit::line).thenComparing(Hit::phrase))
                .forEach(hit -> distinct.putIfAbsent(hit.line() + "|" + hit.phrase(), new CategoryEvidence(
                    hit.category().number(), hit.phrase(), hit.label(), round(effectiveWeight(hit)), hit.line())));
            return distinct.values().stream().limit(limit).toList();
        }
    }
}
