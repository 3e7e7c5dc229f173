package dev.gampplanner.agent.research;

import java.util.List;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentException;
import dev.gampplanner.runtime.agent.AgentErrorCode;
import dev.gampplanner.runtime.agent.AgentIdentity;
import dev.gampplanner.runtime.agent.CheckedRequest;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;
import dev.gampplanner.schema.GuidanceFinding;
import dev.gampplanner.schema.ResearchFindings;

/**
 * The research agent: which current, dated guidance bears on the system a URS specifies, and why.
 *
 * <p>A pure function of the request and the knowledge files: the same request always yields the same
 * payload bytes (every list has an explicit order, ties are broken by id, scores are rounded). It
 * holds no mutable state, so one instance serves any number of threads.
 */
public final class ResearchAgent implements Agent {

    public static final String VERSION = "research-0.1.0";

    private final ResearchKnowledge knowledge;
    private final ProfileDetector detector;
    private final GuidanceRanker ranker;
    private final RelevanceNarrative narrative;

    ResearchAgent(ResearchKnowledge knowledge) {
        this.knowledge = knowledge;
        this.detector = new ProfileDetector(knowledge);
        this.ranker = new GuidanceRanker(knowledge);
        this.narrative = new RelevanceNarrative(knowledge);
    }

    /** Loads the knowledge from the class path; fails at start-up if it is missing or inconsistent. */
    public static ResearchAgent load() {
        return new ResearchAgent(AgentIdentity.loadKnowledge(AgentKind.RESEARCH, ResearchKnowledge::load, ResearchKnowledge::version,
            ResearchKnowledge::summary));
    }

    @Override
    public AgentIdentity identity() {
        return new AgentIdentity(AgentKind.RESEARCH, VERSION, knowledge.version());
    }

    @Override
    public ResearchFindings analyse(AgentRequest request) throws AgentException {
        CheckedRequest checked = CheckedRequest.of(request);
        GampCategory category = checked.category();
        UrsDocument urs = checked.urs();
        UrsProfile profile = detector.detect(urs, category);
        if (urs.requirements().isEmpty() && profile.systemTypes().isEmpty()) {
            throw AgentException.permanentFailure(AgentErrorCode.NOTHING_TO_RESEARCH,
                "the URS states no requirement and names no recognisable kind of system");
        }
        List<GuidanceFinding> items = ranker.rank(profile).stream().map(r -> finding(profile, r)).toList();
        return ResearchFindings.newBuilder()
            .setCategory(category.number())
            .setSystemTypes(profile.systemTypes().stream().map(UrsProfile.SystemTypeMatch::tag).toList())
            .setRequirementKinds(profile.requirementKinds().stream().map(UrsProfile.KindMatch::tag).toList())
            .setItems(items)
            .build();
    }

    private GuidanceFinding finding(UrsProfile profile, GuidanceRanker.Ranked ranked) {
        GuidanceCatalog.Item item = ranked.item();
        return GuidanceFinding.newBuilder()
            .setId(item.id())
            .setTitle(item.title())
            .setIssuer(item.issuer())
            .setDocumentType(item.documentType())
            .setPublished(item.published())
            .setGuidanceStatus(item.status())
            .setJurisdiction(item.jurisdiction())
            .setRelevance(ranked.relevance())
            .setWhyItMatters(narrative.whyItMatters(profile, ranked.fit()))
            .setKeyPoints(item.keyPoints())
            .setTestingImplications(item.testingImplications())
            .setUrl(item.url())
            .setSupersededBy(item.supersededBy())
            .build();
    }
}
