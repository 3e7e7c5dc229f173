package dev.gampplanner.agent.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gampplanner.runtime.agent.AgentErrorCode;
import dev.gampplanner.agent.context.retrieval.RetrievalMethod;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementClauses;
import dev.gampplanner.schema.codec.AvroCodec;

class ContextAgentTest {

    private final ContextAgent agent = SharedAgent.get();

    static List<String> exampleFiles() {
        return Examples.files();
    }

    @Test
    void anAgentWithoutTheEmbeddingCacheGivesTheSameBytes() throws AgentException {
        // The cache (GAMP_CONTEXT_EMBEDDING_CACHE_SIZE) trades memory for speed only: what a text retrieves depends on it alone.
        ContextAgent uncached = ContextAgent.load(0);
        for (String file : exampleFiles()) {
            AgentRequest request = Examples.request(file);
            byte[] expected = AvroCodec.encode(uncached.analyse(request));
            assertThat(AvroCodec.encode(agent.analyse(request))).as(file).isEqualTo(expected);
            assertThat(AvroCodec.encode(agent.analyse(request))).as(file + ", answered from the cache").isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void reportsExactlyTheParsedRequirementsAndTracesEachOne(String file) throws AgentException {
        UrsDocument parsed = UrsParser.parse(Examples.text(file));

        ContextFindings findings = agent.analyse(Examples.request(file));

        assertThat(findings.getRequirements()).extracting(Requirement::getId)
            .containsExactlyElementsOf(parsed.requirements().stream().map(r -> r.id()).toList());
        for (int i = 0; i < parsed.requirements().size(); i++) {
            var expected = parsed.requirements().get(i);
            Requirement actual = findings.getRequirements().get(i);
            assertThat(actual.getText()).isEqualTo(expected.text());
            assertThat(actual.getSection()).isEqualTo(expected.section());
            assertThat(actual.getKind()).isEqualTo(expected.kind().label());
            assertThat(actual.getDetails()).isEqualTo(expected.details());
            assertThat(actual.getLine()).isEqualTo(expected.line());
        }
        assertThat(findings.getTraces()).extracting(RequirementClauses::getRequirementId)
            .containsExactlyElementsOf(findings.getRequirements().stream().map(Requirement::getId).toList());
        assertThat(findings.getTitle()).isEqualTo(parsed.title());
        assertThat(findings.getSystemType()).isEqualTo(parsed.systemType().orElse(null));
    }

    @ParameterizedTest
    @MethodSource("exampleFiles")
    void clausesAndMeasuresAreConsistentWithTheTraces(String file) throws AgentException {
        ContextFindings findings = agent.analyse(Examples.request(file));

        List<ClauseMatch> clauses = findings.getTraces().stream().flatMap(t -> t.getClauses().stream()).toList();
        for (RequirementClauses trace : findings.getTraces()) {
            assertThat(trace.getClauses()).hasSizeLessThanOrEqualTo(3);
            assertThat(trace.getClauses()).extracting(ClauseMatch::getScore).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(trace.getClauses()).extracting(ClauseMatch::getPassageId).doesNotHaveDuplicates();
        }
        assertThat(clauses).isNotEmpty().allSatisfy(clause -> {
            assertThat(clause.getScore()).isBetween(0.0, 1.0);
            assertThat(clause.getLexicalRank() != null || clause.getSemanticRank() != null).isTrue();
            assertThat(clause.getExcerpt()).isNotBlank().hasSizeLessThanOrEqualTo(ContextAgent.EXCERPT_LENGTH + 1);
        });
        assertThat(clauses).extracting(ClauseMatch::getScore).contains(1.0);
        assertThat(findings.getFrameworks()).isSorted()
            .containsExactlyElementsOf(clauses.stream().map(ClauseMatch::getSource).distinct().sorted().toList());

        long traced = findings.getTraces().stream().filter(t -> !t.getClauses().isEmpty()).count();
        assertThat(findings.getCoverage()).isEqualTo(TraceMeasures.round((double) traced / findings.getRequirements().size()));
        assertThat(findings.getRetrievalQuality()).isBetween(0.0, 1.0);
        assertThat(findings.getConfidence()).isBetween(0.0, 1.0);
        assertThat(findings.getRetrievalMethod()).isEqualTo(RetrievalMethod.HYBRID.label());
        assertThat(findings.getPassagesIndexed()).isEqualTo(121);
    }

    @ParameterizedTest(name = "{1} of {0} cites {2}")
    @CsvSource({
        "URS-001.md, URS-EMS-008, 21CFR11.10(e)",
        "URS-004.md, URS-CDS-015, 21CFR11.10(e)",
        "URS-018.md, URS-018-014, 21CFR11.10(e)",
        "URS-019.md, URS-019-013, 21CFR11.10(e)",
        "URS-025.md, URS-025-016, 21CFR11.10(e)",
        "URS-004.md, URS-CDS-016, 21CFR11.50(a)",
        "URS-008.md, URS-DOC-009, 21CFR11.3(b)(5)",
        "URS-018.md, URS-018-013, 21CFR11.1(c)",
        "URS-022.md, URS-022-009, 21CFR11.300",
        "URS-007.md, URS-TEMP-021, 21CFR11.10(d)",
        "URS-025.md, URS-025-014, 21CFR11.10(g)",
    })
    void auditTrailSignatureAndAccessRequirementsFindTheirPart11Clause(String file, String requirementId, String passageId)
            throws AgentException {
        ContextFindings findings = agent.analyse(Examples.request(file));

        assertThat(clausesOf(findings, requirementId)).extracting(ClauseMatch::getPassageId).contains(passageId);
    }

    @Test
    void performanceRequirementsWithNoRegulatoryTopicAreLeftUntraced() throws AgentException {
        ContextFindings findings = agent.analyse(Examples.request("URS-002.md"));

        assertThat(clausesOf(findings, "URS-LIMS-012")).as("500 samples per day").isEmpty();
        assertThat(clausesOf(findings, "URS-LIMS-013")).as("report within 5 minutes").isEmpty();
        assertThat(findings.getCoverage()).isLessThan(1.0);
    }

    @Test
    void sameRequestGivesTheSameBytesAgainAndOnAFreshInstance() throws AgentException {
        AgentRequest request = Examples.request("URS-014.md");

        byte[] first = AvroCodec.encode(agent.analyse(request));
        byte[] again = AvroCodec.encode(agent.analyse(request));
        byte[] fresh = AvroCodec.encode(ContextAgent.load().analyse(request));

        assertThat(again).isEqualTo(first);
        assertThat(fresh).isEqualTo(first);
    }

    @Test
    void concurrentRequestsGiveTheSameBytesAsSequentialOnes() throws Exception {
        Map<String, byte[]> sequential = Examples.files().stream()
            .collect(Collectors.toMap(Function.identity(), file -> encode(Examples.request(file))));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> futures = Examples.files().stream()
                .map(file -> pool.submit(() -> encode(Examples.request(file))))
                .toList();
            for (int i = 0; i < futures.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(Examples.files().get(i)));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aUrsWithoutRequirementsIsAPermanentFailure() {
        AgentRequest request = Examples.request("notes.md", """
            # Meeting notes
            The team discussed the new LIMS. Nothing was decided yet.
            """);

        assertThatThrownBy(() -> agent.analyse(request))
            .isInstanceOfSatisfying(AgentException.class, e -> {
                assertThat(e.code()).isEqualTo(AgentErrorCode.NO_REQUIREMENTS);
                assertThat(e.retryable()).isFalse();
                assertThat(e.getMessage()).contains("no requirement");
            });
    }

    @Test
    void queryParserSyntaxInARequirementIsJustText() throws AgentException {
        AgentRequest request = Examples.request("odd.md", """
            # URS-900: Odd characters
            ## 3. Regulatory Requirements
            - URS-ODD-001: Audit trail (who/what/when) AND "old value" OR new* ~2 ^3 [a TO z] {x} \\ && || !: -- +
            - URS-ODD-002: ***???***
            """);

        ContextFindings findings = agent.analyse(request);

        assertThat(findings.getRequirements()).extracting(Requirement::getId).containsExactly("URS-ODD-001", "URS-ODD-002");
        assertThat(clausesOf(findings, "URS-ODD-001")).extracting(ClauseMatch::getPassageId).contains("21CFR11.10(e)");
        assertThat(clausesOf(findings, "URS-ODD-002")).isEmpty();
    }

    @Test
    void requirementsLocatedByShallStatementsLowerTheConfidence() throws AgentException {
        String identified = """
            # URS-901: Archive
            ## 3. Regulatory Requirements
            - URS-ARC-001: The system shall keep an audit trail of every change and deletion.
            - URS-ARC-002: The system shall back up all data daily and the restore shall be tested.
            """;
        String located = identified.replace("URS-ARC-001: ", "").replace("URS-ARC-002: ", "");

        ContextFindings withIds = agent.analyse(Examples.request("ids.md", identified));
        ContextFindings withoutIds = agent.analyse(Examples.request("shall.md", located));

        assertThat(withoutIds.getRequirements()).extracting(Requirement::getId).containsExactly("3.1", "3.2");
        assertThat(withoutIds.getCoverage()).isEqualTo(withIds.getCoverage());
        assertThat(withoutIds.getConfidence()).isLessThan(withIds.getConfidence());
    }

    @Test
    void identifiesItself() {
        assertThat(agent.kind()).isEqualTo(AgentKind.CONTEXT);
        assertThat(agent.identity().version()).isEqualTo(ContextAgent.VERSION);
        assertThat(agent.identity().knowledgeBaseVersion()).matches("context-kb-2026\\.11\\+[0-9a-f]{12}");
    }

    @Test
    void excerptsAreCutAtAWordBoundary() {
        String text = "word ".repeat(100);

        String excerpt = ContextAgent.excerpt(text);

        assertThat(excerpt).endsWith("word\u2026").hasSizeLessThanOrEqualTo(ContextAgent.EXCERPT_LENGTH + 1);
        assertThat(ContextAgent.excerpt("Short   text,\n wrapped.")).isEqualTo("Short text, wrapped.");
    }

    private byte[] encode(AgentRequest request) {
        try {
            return AvroCodec.encode(agent.analyse(request));
        } catch (AgentException e) {
            throw new AssertionError(e);
        }
    }

    private static List<ClauseMatch> clausesOf(ContextFindings findings, String requirementId) {
        return findings.getTraces().stream()
            .filter(trace -> trace.getRequirementId().equals(requirementId))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no trace for " + requirementId))
            .getClauses();
    }
}
