package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.audit.AuditLog;
import dev.gampplanner.audit.LogRecord;
import dev.gampplanner.audit.Reproducer;
import dev.gampplanner.cli.support.ServiceCatalog;
import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.PlanJson;
import dev.gampplanner.client.PlanMarkdown;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.llm.testing.OpenAiProtocolServer;
import dev.gampplanner.llm.testing.OpenAiProtocolServer.Reply;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;
import dev.gampplanner.schema.AgentKind;
import dev.gampplanner.schema.AgentMode;
import dev.gampplanner.schema.AgentOutcome;
import dev.gampplanner.schema.AgentOutcomeStatus;
import dev.gampplanner.schema.MergedPlan;
import dev.gampplanner.schema.PlanStatus;

/**
 * Every agent in LLM mode, on a real broker, against a real HTTP server speaking the OpenAI protocol: a good draft
 * gives a COMPLETE plan carrying the model's parts; an invented id, a hang and a malformed answer each give their
 * documented outcome with the plan answered by its deadline, a call outlasting the share lock keeping its request by
 * renewal; and the audit reproduces both plans byte for byte from the recorded answers, without the server.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LlmModeTest {

    private static final String MODEL = "protocol-test-model";
    private static final Duration DEADLINE = Duration.ofSeconds(15);

    @Test
    void draftsAreCheckedMergedAndReproducedFromTheRecord(TestBroker broker, @TempDir Path state) {
        try (OpenAiProtocolServer model = OpenAiProtocolServer.start();
             PlannerFixture planner = new PlannerFixture(broker, state, Map.of("GAMP_MODE", "llm", "GAMP_LLM_BASE_URL", model.baseUrl(),
                 "GAMP_LLM_MODEL", MODEL, "GAMP_AGENT_TIME_BUDGET", "5s", "GAMP_LLM_TIMEOUT", "3s",
                 // A lock shorter than a slow call: only its renewal keeps the request from going to a second worker.
                 "GAMP_SHARE_LOCK_DURATION", "1s")).start("all", "all")) {
            UrsFile urs = UrsFile.bundledExamples().get(0);

            planner.submitAll(List.of(urs), DEADLINE);
            MergedPlan good = onlyPlan(planner.awaitAnswers(1, DEADLINE.plusSeconds(30)));
            assertThat(good.getStatus()).isEqualTo(PlanStatus.COMPLETE);
            assertThat(good.getAgents()).allSatisfy(outcome -> {
                assertThat(outcome.getMode()).isEqualTo(AgentMode.LLM);
                assertThat(outcome.getModel()).isEqualTo(MODEL);
            });
            assertThat(good.getContext().getInterpretations()).hasSameSizeAs(good.getContext().getRequirements())
                .allSatisfy(i -> assertThat(i.getInterpretation()).startsWith("Model reading of " + i.getRequirementId()));
            assertThat(good.getSme().getFailureModes()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.getFailureModes().get(0).getMode()).startsWith("Model failure mode of "));
            assertThat(good.getResearch().getRationales()).hasSameSizeAs(good.getResearch().getItems());
            JsonNode json = PlanJson.of(good);
            assertThat(json.at("/agents/context/mode").asText()).isEqualTo("llm");
            assertThat(json.at("/agents/sme/model").asText()).isEqualTo(MODEL);
            assertThat(json.at("/agents/context/payload/interpretations")).isNotEmpty();
            assertThat(PlanMarkdown.render(good)).contains("| llm (" + MODEL + ") |")
                .contains("### Requirement interpretations (drafted by the model)", "### Failure modes of the high and medium risks "
                    + "(drafted by the model)", "### Why each item matters for this system (drafted by the model)");

            model.script(AgentKind.CONTEXT, Reply.invented());
            model.script(AgentKind.SME, Reply.good().after(Duration.ofSeconds(30)));
            model.script(AgentKind.RESEARCH, Reply.malformed(), Reply.good());
            planner.submitAll(List.of(urs), DEADLINE);
            MergedPlan failing = onlyPlan(planner.awaitAnswers(1, DEADLINE.plusSeconds(30)));
            assertThat(failing.getStatus()).isEqualTo(PlanStatus.PARTIAL);
            assertThat(failing.getCompletedAt()).isBefore(failing.getDeadline());
            assertThat(outcome(failing, AgentKind.CONTEXT).getStatus()).isEqualTo(AgentOutcomeStatus.FAILED);
            assertThat(outcome(failing, AgentKind.CONTEXT).getError()).startsWith("LLM_OUTPUT_REJECTED").contains("URS-INVENTED-999");
            assertThat(outcome(failing, AgentKind.CONTEXT).getMode()).isEqualTo(AgentMode.LLM);
            assertThat(failing.getContext()).isNull();
            assertThat(outcome(failing, AgentKind.SME).getStatus()).isEqualTo(AgentOutcomeStatus.FAILED);
            assertThat(outcome(failing, AgentKind.SME).getError()).startsWith("LLM_TIMEOUT");
            assertThat(outcome(failing, AgentKind.RESEARCH).getStatus()).isEqualTo(AgentOutcomeStatus.SUCCEEDED);
            assertThat(model.calls(AgentKind.RESEARCH)).hasSize(2);

            model.close();
            Reproducer reproducer = new Reproducer(ServiceCatalog.agents(), ServiceCatalog.drafts());
            AuditLog log = new AuditLog(planner.config);
            for (MergedPlan plan : List.of(good, failing)) {
                List<LogRecord> trail = log.plan(plan.getCorrelationId());
                assertThat(trail).filteredOn(r -> r.type().equals("AgentResult")).hasSize(3);
                assertThat(trail).filteredOn(r -> r.type().equals("LateResult")).isEmpty();
                assertThat(reproducer.reproduce(trail))
                    .hasSize(4).allSatisfy(c -> assertThat(c.identical()).as(c.subject() + ": " + c.detail()).isTrue());
            }
        }
    }

    private static MergedPlan onlyPlan(List<PlanDesk.Answer> answers) {
        assertThat(answers).hasSize(1);
        return ((PlanDesk.Planned) answers.get(0)).plan();
    }

    private static AgentOutcome outcome(MergedPlan plan, AgentKind agent) {
        return plan.getAgents().stream().filter(o -> o.getAgent() == agent).findFirst().orElseThrow();
    }
}
