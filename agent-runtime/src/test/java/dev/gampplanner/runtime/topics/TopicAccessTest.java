package dev.gampplanner.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import dev.gampplanner.schema.AgentKind;

class TopicAccessTest {

    private final TopicCatalog topics = new TopicCatalog("d1.");
    private final TopicAccess access = new TopicAccess(topics);

    @Test
    void everyTopicButTheSigningKeysIsWrittenByExactlyOneRoleAndReadByTheAuditor() {
        List<String> written = new ArrayList<>();
        for (Role role : Role.values()) {
            written.addAll(access.writes(role));
        }
        List<String> services = new ArrayList<>(topics.allTopics());
        services.remove(topics.signingKeys());
        assertThat(written).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(services);
        assertThat(access.writer(topics.signingKeys())).isEmpty();
        assertThat(access.writer(topics.agentResults(AgentKind.SME))).contains(Role.SME);
        assertThat(access.writer(topics.planRequests())).contains(Role.SUBMITTER);
        assertThat(access.reads(Role.PLANNER)).contains(topics.signingKeys());
        assertThat(access.reads(Role.AUDITOR)).containsExactlyInAnyOrderElementsOf(topics.allTopics());
        assertThat(access.writes(Role.AUDITOR)).isEmpty();
    }

    @Test
    void anAgentReadsOnlyItsRequestsAndWritesOnlyItsResultsAndItsDeadLetters() {
        for (AgentKind agent : AgentKind.values()) {
            Role role = Role.of(agent);
            assertThat(access.reads(role)).containsExactly(topics.agentRequests(agent));
            assertThat(access.writes(role)).containsExactly(topics.agentResults(agent),
                TopicCatalog.deadLetterQueueOf(topics.agentRequests(agent)));
            assertThat(access.grants(role)).filteredOn(g -> g.resourceType() == ResourceType.GROUP)
                .extracting(TopicAccess.Grant::name, TopicAccess.Grant::patternType, TopicAccess.Grant::operation)
                .containsExactlyInAnyOrder(
                    tuple(topics.shareGroup(agent), PatternType.LITERAL, AclOperation.READ),
                    tuple(topics.shareGroup(agent), PatternType.LITERAL, AclOperation.ALTER_CONFIGS));
            assertThat(access.grants(role)).noneMatch(g -> g.patternType() == PatternType.PREFIXED)
                .noneMatch(g -> g.resourceType() == ResourceType.CLUSTER || g.resourceType() == ResourceType.TRANSACTIONAL_ID);
        }
    }

    @Test
    void thePlannersStreamsApplicationsGetTheirGroupsTransactionsAndInternalTopicsByTheirIdPrefixOnly() {
        assertThat(access.grants(Role.PLANNER)).filteredOn(g -> g.patternType() == PatternType.PREFIXED)
            .allMatch(g -> g.name().equals("d1.gamp-planner-"))
            .extracting(TopicAccess.Grant::resourceType, TopicAccess.Grant::operation)
            .containsExactlyInAnyOrder(
                tuple(ResourceType.GROUP, AclOperation.READ),
                tuple(ResourceType.TRANSACTIONAL_ID, AclOperation.WRITE),
                tuple(ResourceType.TOPIC, AclOperation.CREATE),
                tuple(ResourceType.TOPIC, AclOperation.READ),
                tuple(ResourceType.TOPIC, AclOperation.WRITE));
        assertThat(access.reads(Role.PLANNER)).doesNotContain(topics.merged()).contains(topics.planRequests());
    }

    @Test
    void theSubmitterWritesRequestsAndReadsOnlyTheAnswers() {
        assertThat(access.grants(Role.SUBMITTER)).extracting(TopicAccess.Grant::name, TopicAccess.Grant::operation)
            .containsExactlyInAnyOrder(
                tuple(topics.planRequests(), AclOperation.WRITE),
                tuple(topics.merged(), AclOperation.READ),
                tuple(topics.rejected(), AclOperation.READ));
        assertThat(access.principal(Role.SUBMITTER)).isEqualTo("User:d1.submitter");
    }
}
