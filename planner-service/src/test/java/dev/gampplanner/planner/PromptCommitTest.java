package dev.gampplanner.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

class PromptCommitTest {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ofMillis(5));
    private final PromptCommit prompt = new PromptCommit(Duration.ofMillis(20), ahead::get);
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();

    @Test
    void aRecordReadWithinAnIntervalOfBeingWrittenIsCommittedAtOnce() {
        context.setCurrentSystemTimeMs(10_000);
        prompt.after(context, 9_985);
        assertThat(context.committed()).isTrue();
    }

    @Test
    void aRecordReadLaterMarksABacklogAndLeavesTheCommitToTheInterval() {
        context.setCurrentSystemTimeMs(10_000);
        prompt.after(context, 9_979);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void anIntervalOfWorkAheadLeavesTheCommitToTheIntervalHoweverFreshTheRecord() {
        ahead.set(Duration.ofMillis(20));
        context.setCurrentSystemTimeMs(10_000);
        prompt.after(context, 10_000);
        assertThat(context.committed()).isFalse();
    }

    @Test
    void aTimerActedOnBeforeItIsDueCountsAsKeepingUp() {
        context.setCurrentSystemTimeMs(10_000);
        prompt.after(context, 12_000);
        assertThat(context.committed()).isTrue();
    }
}
