package dev.gampplanner.cli.support;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;

/**
 * Asks the cluster for its brokers before a command starts its real work, so an address where nothing listens ends
 * the command in seconds with one line, instead of a minute of client retries and a metadata timeout.
 */
public final class BrokerReachability {

    /** Long enough for a broker under load to answer, short enough that a typo is reported before the user gives up. */
    static final Duration WAIT = Duration.ofSeconds(6);

    private BrokerReachability() {
    }

    /** Returns when a broker answered; throws {@link BrokerUnreachableException} when none did within {@link #WAIT}. */
    public static void require(GampConfig config) {
        String address = config.bootstrapServers();
        Admin admin = null;
        try {
            admin = KafkaClients.admin(config);
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) WAIT.toMillis()))
                .nodes().get(WAIT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnreachableException(address, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new BrokerUnreachableException(address, cause.getClass().getSimpleName());
        } catch (org.apache.kafka.common.KafkaException e) {
            // An address that does not resolve fails already when the client is created.
            throw new BrokerUnreachableException(address, e.getMessage());
        } finally {
            if (admin != null) {
                // Nothing is in flight worth waiting for: the answer is in, or there is no one to send to.
                admin.close(Duration.ZERO);
            }
        }
    }

    /** No broker answered at the configured address. */
    public static final class BrokerUnreachableException extends RuntimeException {

        BrokerUnreachableException(String address, String reason) {
            super("no Kafka broker answered at KAFKA_BOOTSTRAP_SERVERS=" + address + " within " + WAIT.toSeconds() + " s ("
                + reason + "); check the address, that the broker runs and its listener and security settings match, "
                + "or start a local one with 'gamp broker' (GAMP_LOG_KAFKA=WARN shows the client's own messages)");
        }
    }
}
