package dev.gampplanner.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import dev.gampplanner.runtime.kafka.GampHeaders;
import dev.gampplanner.runtime.topics.TopicCatalog;

/** What the DLQ of an input topic must hold after one of its records failed. */
public final class DeadLetterCheck {

    private DeadLetterCheck() {
    }

    /** The input's DLQ holds exactly the failed record, unchanged, with the reason and where it came from. */
    public static TestRecord<byte[], byte[]> assertDeadLettered(TopologyTestDriver driver, String inputTopic, byte[] key, byte[] value,
                                                               String reason, String messagePart) {
        List<TestRecord<byte[], byte[]>> dead = StreamsTestSupport.drain(
            StreamsTestSupport.output(driver, TopicCatalog.deadLetterQueueOf(inputTopic)));
        assertThat(dead).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo(value);
            assertThat(StreamsTestSupport.header(record, GampHeaders.DLQ_REASON)).isEqualTo(reason);
            assertThat(StreamsTestSupport.header(record, GampHeaders.DLQ_MESSAGE)).contains(messagePart);
            assertThat(StreamsTestSupport.header(record, GampHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(inputTopic);
        });
        return dead.get(0);
    }

    public static void assertNothingDeadLettered(TopologyTestDriver driver, List<String> inputTopics) {
        for (String topic : inputTopics) {
            assertThat(StreamsTestSupport.output(driver, TopicCatalog.deadLetterQueueOf(topic)).isEmpty()).as(topic).isTrue();
        }
    }
}
