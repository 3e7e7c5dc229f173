package dev.gampplanner.runtime.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.agent.Agent;
import dev.gampplanner.runtime.agent.AgentIdentity;
import dev.gampplanner.runtime.agent.AgentService;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.observability.Observability;
import dev.gampplanner.runtime.testing.TestConfigs;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentRequest;

@ExtendWith(KafkaBrokerExtension.class)
class TopicProvisionerTest {

    @Test
    void createsEveryTopicAsAnAuditLogAndLeavesThemAloneTheSecondTime(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state);
        try (Admin admin = KafkaClients.admin(config)) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, config);
            TopicProvisioner.Report first = provisioner.apply();
            assertThat(first.created()).containsExactlyInAnyOrderElementsOf(config.topics().allTopics());
            assertThat(first.ok()).isTrue();
            TopicProvisioner.Report second = provisioner.apply();
            assertThat(second.created()).isEmpty();
            assertThat(second.unchanged()).hasSize(config.topics().allTopics().size());

            Config merged = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, config.topics().merged())))
                .all().get().values().iterator().next();
            assertThat(merged.get("retention.ms").value()).isEqualTo("-1");
            assertThat(merged.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(admin.describeTopics(List.of(config.topics().merged())).allTopicNames().get()
                .get(config.topics().merged()).partitions()).hasSize(config.partitions());
        }
    }

    @Test
    void aServiceRefusesToStartOnAnAuditTopicThatCouldDeleteOrCompactRecords(TestBroker broker, @TempDir Path state) throws Exception {
        GampConfig config = TestConfigs.fresh(broker, state);
        try (Admin admin = KafkaClients.admin(config)) {
            admin.createTopics(List.of(
                new NewTopic(config.topics().agentResults(AgentKind.SME), config.partitions(), (short) 1)
                    .configs(Map.of("retention.ms", "604800000")),
                new NewTopic(config.topics().agentRequests(AgentKind.SME), config.partitions(), (short) 1)
                    .configs(Map.of("cleanup.policy", "compact"))))
                .all().get();
        }
        Agent agent = new Agent() {
            @Override
            public AgentIdentity identity() {
                return new AgentIdentity(AgentKind.SME, "v", "kb");
            }

            @Override
            public org.apache.avro.specific.SpecificRecord analyse(AgentRequest request) {
                throw new AssertionError("a service that refused to start analyses nothing");
            }
        };
        try (Observability observability = new Observability(); AgentService service = new AgentService(config, agent, observability)) {
            assertThatThrownBy(service::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refusing to start")
                .hasMessageContaining(config.topics().agentResults(AgentKind.SME) + " has retention.ms=604800000")
                .hasMessageContaining(config.topics().agentRequests(AgentKind.SME) + " has cleanup.policy=compact");
        }
    }
}
