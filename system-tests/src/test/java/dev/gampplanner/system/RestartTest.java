package dev.gampplanner.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.gampplanner.client.PlanDesk;
import dev.gampplanner.client.UrsFile;
import dev.gampplanner.localkafka.junit.KafkaBrokerExtension;
import dev.gampplanner.localkafka.junit.TestBroker;

/** Exactly one plan per request, through a planner restart in the middle of the work. */
@ExtendWith(KafkaBrokerExtension.class)
class RestartTest {

    @Test
    void aPlannerRestartedWhilePlansAreInFlightStillAnswersEachRequestOnce(TestBroker broker, @TempDir Path state) {
        List<UrsFile> examples = UrsFile.bundledExamples();
        Duration deadline = Duration.ofSeconds(45);
        try (PlannerFixture planner = new PlannerFixture(broker, state, Map.of())
                .start("agents", "context", "sme", "research").start("planner", "planner")) {
            List<PlanDesk.Submission> submitted = new ArrayList<>(planner.submitAll(examples, deadline));
            List<PlanDesk.Answer> answers = new ArrayList<>(planner.awaitAnswers(3, Duration.ofSeconds(60)));

            planner.stop("planner");
            // Requests keep arriving while the planner is down; they wait on plan.requests.
            submitted.addAll(planner.submitAll(examples.subList(0, 5), deadline));
            planner.start("planner", "planner");

            answers.addAll(planner.awaitAnswers(submitted.size() - answers.size(), Duration.ofSeconds(90)));
            assertThat(answers).hasSize(submitted.size());
            // A second plan could only come from state lost in the restart; give the restored timers time to fire.
            SpineTest.assertExactlyOnePlanEach(planner, submitted, Instant.now().plusSeconds(2));
        }
    }
}
