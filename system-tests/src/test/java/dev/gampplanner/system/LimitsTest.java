package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.planner.OfflinePlanner;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.domain.urs.UrsLimits;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.RecordSizeLimit;
import dev.gampplanner.runtime.observability.Health;
import dev.gampplanner.runtime.testing.LimitUrs;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;
import dev.gampplanner.schema.RejectionReason;
import dev.gampplanner.schema.ResultStatus;
import dev.gampplanner.schema.codec.AvroCodec;

/**
 * The largest URS the planner accepts is planned in full, whatever it makes the agents write; one beyond a limit is
 * refused with the limit named; and neither stops the planner from answering the plans that follow.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LimitsTest {

    /**
     * The worst case for record sizes: every requirement allowed, the document as large as allowed. Planned in this
     * process (the broker adds nothing to what sizes the records have), every record it leads to must be writable.
     */
    @Test
    void theLargestAcceptedUrsLeadsOnlyToRecordsTheBrokerTakes() {
        OfflinePlanner.Trace trace = new OfflinePlanner(GampConfig.fromEnvironment(Map.of()), ServiceCatalog.agents())
            .trace("URS-LARGEST.md", LimitUrs.largest(UrsLimits.DEFAULT), null, "limits test");
        assertThat(trace.results().values()).allSatisfy(result -> {
            assertThat(result.record().getStatus()).isEqualTo(ResultStatus.SUCCEEDED);
            assertThat(RecordSizeLimit.problem(result.bytes())).isEmpty();
        });
        assertThat(trace.plan().getStatus()).isEqualTo(PlanStatus.COMPLETE);
        assertThat(trace.plan().getRequirements()).hasSize(UrsLimits.MAX_REQUIREMENTS_CEILING);
        assertThat(RecordSizeLimit.problem(AvroCodec.encode(trace.plan()))).isEmpty();
    }

    @Test
    void asManyRequirementsAsAllowedArePlannedInFullAndOneMoreIsRefused(TestBroker broker, @TempDir Path state) {
        Duration deadline = Duration.ofMinutes(3);
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of("GAMP_AGENT_TIME_BUDGET", "170s"))
                .start("all", "all")) {
            PlanDesk.Submission largest = planner.desk().submit(new UrsFile("URS-LARGEST.md",
                LimitUrs.of(UrsLimits.MAX_REQUIREMENTS_CEILING, 0, 60)), null, Instant.now().plus(deadline), "system test");
            PlanDesk.Submission tooMany = planner.desk().submit(new UrsFile("URS-TOO-MANY.md",
                LimitUrs.of(UrsLimits.MAX_REQUIREMENTS_CEILING + 1, 0, 60)), null, Instant.now().plus(deadline), "system test");
            PlanDesk.Submission after = planner.desk().submit(UrsFile.bundledExamples().get(0), null, Instant.now().plus(deadline),
                "system test");

            List<PlanDesk.Answer> answers = planner.awaitAnswers(3, deadline.plusSeconds(30));
            Map<String, PlanDesk.Answer> byId = new HashMap<>();
            answers.forEach(a -> byId.put(a.correlationId(), a));

            MergedPlan plan = ((PlanDesk.Planned) byId.get(largest.id().toString())).plan();
            assertThat(plan.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(plan.getAgents()).extracting(AgentOutcome::getStatus).containsOnly(AgentOutcomeStatus.SUCCEEDED);
            assertThat(plan.getRequirements()).hasSize(UrsLimits.MAX_REQUIREMENTS_CEILING);
            assertThat(plan.getRequirements()).allSatisfy(r -> assertThat(r.getTestIds()).isNotEmpty());

            PlanDesk.Rejected rejected = (PlanDesk.Rejected) byId.get(tooMany.id().toString());
            assertThat(rejected.rejection().getReasons()).extracting(RejectionReason::getCode).containsExactly("TOO_MANY_REQUIREMENTS");

            assertThat(((PlanDesk.Planned) byId.get(after.id().toString())).plan().getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(planner.health().values()).allSatisfy(h -> assertThat(h.status()).isEqualTo(
                Health.Status.UP));
        }
    }
}
