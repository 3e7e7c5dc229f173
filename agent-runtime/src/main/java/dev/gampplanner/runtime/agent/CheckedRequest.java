package dev.gampplanner.runtime.agent;

import java.util.List;

import dev.gampplanner.domain.GampCategory;
import dev.gampplanner.domain.urs.UrsDocument;
import dev.gampplanner.domain.urs.UrsParser;
import dev.gampplanner.domain.urs.UrsRequirement;
import dev.gampplanner.schema.AgentRequest;

/**
 * An agent request that passed the preconditions every agent shares: a GAMP category that exists and a
 * URS with text, parsed once.
 */
public record CheckedRequest(AgentRequest request, GampCategory category, UrsDocument urs) {

    /** @throws AgentException {@link AgentErrorCode#INVALID_CATEGORY} or {@link AgentErrorCode#EMPTY_URS} */
    public static CheckedRequest of(AgentRequest request) throws AgentException {
        GampCategory category = GampCategory.of(request.getGampCategory()).orElseThrow(() -> AgentException.permanentFailure(
            AgentErrorCode.INVALID_CATEGORY, "GAMP category " + request.getGampCategory() + " does not exist; use one of "
                + GampCategory.validNumbers()));
        if (request.getUrs().isBlank()) {
            throw AgentException.permanentFailure(AgentErrorCode.EMPTY_URS, "the URS is empty");
        }
        return new CheckedRequest(request, category, UrsParser.parse(request.getUrs()));
    }

    /**
     * The URS's requirements, at least one.
     *
     * @param purpose what the agent would have done with them, for the failure's message ("rate for risk")
     * @throws AgentException {@link AgentErrorCode#NO_REQUIREMENTS}
     */
    public List<UrsRequirement> requirements(String purpose) throws AgentException {
        if (urs.requirements().isEmpty()) {
            throw AgentException.permanentFailure(AgentErrorCode.NO_REQUIREMENTS,
                "the URS states no requirement: no list item or table row starts with an identifier such as "
                    + "URS-LIMS-001, and no sentence says 'shall' or 'must', so there is nothing to " + purpose);
        }
        return urs.requirements();
    }
}
