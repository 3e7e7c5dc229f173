package dev.gampplanner.agent.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;


import dev.gampplanner.agent.context.knowledge.KnowledgeBase;
import dev.gampplanner.agent.context.knowledge.Passage;
import dev.gampplanner.agent.context.retrieval.ClauseHit;
import dev.gampplanner.agent.context.retrieval.RetrievalMethod;
import dev.gampplanner.agent.context.retrieval.Retriever;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.runtime.agent.AgentIdentity;
import dev.gampplanner.runtime.agent.CheckedRequest;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.ClauseMatch;
import dev.gampplanner.schema.ContextFindings;
import dev.gampplanner.schema.Requirement;
import dev.gampplanner.schema.RequirementClauses;

/**
 * The context agent: the requirements of the URS, each traced to the regulatory clauses that apply.
 *
 * <p>A pure function of (request, knowledge-base version): the index is built once, every ranking
 * breaks ties by passage id and every number is rounded, so re-running a recorded request gives the
 * same bytes. One instance serves all worker threads; nothing it holds changes after {@link #load()}.
 */
public final class ContextAgent implements Agent {

    public static final String VERSION = "context-agent-0.1.0";
    static final RetrievalMethod METHOD = RetrievalMethod.HYBRID;
    static final int EXCERPT_LENGTH = 240;

    private final KnowledgeBase knowledge;
    private final Retriever retriever;

    private ContextAgent(KnowledgeBase knowledge, Retriever retriever) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.retriever = Objects.requireNonNull(retriever, "retriever");
    }

    /** Loads the knowledge, its passage vectors and the model; called once at service start. */
    public static ContextAgent load() {
        return load(METHOD, Retriever.DEFAULT_EMBEDDING_CACHE);
    }

    /** Keeping the passages retrieved for the last {@code embeddingCacheSize} requirement texts (0: none). */
    public static ContextAgent load(int embeddingCacheSize) {
        return load(METHOD, embeddingCacheSize);
    }

    /** With another retrieval method: the evaluation compares both. */
    static ContextAgent load(RetrievalMethod method) {
        return load(method, Retriever.DEFAULT_EMBEDDING_CACHE);
    }

    private static ContextAgent load(RetrievalMethod method, int embeddingCacheSize) {
        return AgentIdentity.loadKnowledge(AgentKind.CONTEXT,
            () -> {
                KnowledgeBase knowledge = KnowledgeBase.load();
                return new ContextAgent(knowledge, Retriever.build(knowledge, method, embeddingCacheSize));
            },
            agent -> agent.knowledge.version(),
            agent -> agent.retriever.passagesIndexed() + " passages indexed, retrieval " + method.label());
    }

    @Override
    public AgentIdentity identity() {
        return new AgentIdentity(AgentKind.CONTEXT, VERSION, knowledge.version());
    }

    @Override
    public ContextFindings analyse(AgentRequest request) throws AgentException {
        CheckedRequest checked = CheckedRequest.of(request);
        UrsDocument urs = checked.urs();
        List<UrsRequirement> requirements = checked.requirements("trace to regulatory clauses");
        List<List<ClauseHit>> hits = retriever.retrieve(requirements.stream().map(UrsRequirement::fullText).toList());
        double best = hits.stream().flatMap(List::stream).mapToDouble(ClauseHit::relevance).max().orElse(0);

        List<RequirementClauses> traces = new ArrayList<>(requirements.size());
        TreeSet<String> frameworks = new TreeSet<>();
        for (int i = 0; i < requirements.size(); i++) {
            List<ClauseMatch> clauses = hits.get(i).stream().map(hit -> clause(hit, best)).toList();
            clauses.forEach(clause -> frameworks.add(clause.getSource()));
            traces.add(new RequirementClauses(requirements.get(i).id(), clauses));
        }
        TraceMeasures measures = TraceMeasures.of(urs, traces);
        return ContextFindings.newBuilder()
            .setTitle(urs.title())
            .setSystemType(urs.systemType().orElse(null))
            .setRequirements(requirements.stream().map(ContextAgent::requirement).toList())
            .setTraces(traces)
            .setFrameworks(List.copyOf(frameworks))
            .setCoverage(measures.coverage())
            .setRetrievalQuality(measures.retrievalQuality())
            .setConfidence(measures.confidence())
            .setRetrievalMethod(retriever.method().label())
            .setPassagesIndexed(retriever.passagesIndexed())
            .build();
    }

    private static Requirement requirement(UrsRequirement requirement) {
        return new Requirement(requirement.id(), requirement.text(), requirement.section(), requirement.kind().label(),
            requirement.details(), requirement.line());
    }

    /** {@code score} is the hit's relevance over the best relevance of any hit in the document, so 1.0 marks the strongest trace. */
    private static ClauseMatch clause(ClauseHit hit, double best) {
        Passage passage = hit.passage();
        return ClauseMatch.newBuilder()
            .setPassageId(passage.id())
            .setCitation(passage.citation())
            .setSource(passage.source())
            .setTitle(passage.title())
            .setExcerpt(excerpt(passage.text()))
            .setScore(TraceMeasures.round(hit.relevance() / best))
            .setLexicalRank(hit.lexicalRank())
            .setSemanticRank(hit.semanticRank())
            .build();
    }

    /** The first {@value #EXCERPT_LENGTH} characters or fewer, cut at a word boundary. */
    static String excerpt(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        if (flat.length() <= EXCERPT_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', EXCERPT_LENGTH);
        return (cut > 0 ? flat.substring(0, cut) : flat.substring(0, EXCERPT_LENGTH)).replaceAll("[\\s,;:]+$", "") + "\u2026";
    }
}
