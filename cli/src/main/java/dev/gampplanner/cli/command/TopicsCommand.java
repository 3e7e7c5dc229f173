package dev.gampplanner.cli.command;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;

import dev.gampplanner.cli.support.DurationConverter;
import dev.gampplanner.cli.support.Environment;
import dev.gampplanner.cli.support.TopicTail;
import dev.gampplanner.runtime.config.Durations;
import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.kafka.KafkaClients;
import dev.gampplanner.runtime.topics.TopicProvisioner;
import dev.gampplanner.runtime.topics.TopicSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Creates or checks GAMP Planner's topics. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = {"apply: creates the missing topics with their audit settings and checks the existing ones.",
        "check: only checks; exits 1 when a topic is missing, unequally partitioned, or could delete or compact records.",
        "list: prints every topic with its partitions, replication and configs.",
        "tail TOPIC: prints the topic's committed records, one JSON object a line (topic, partition, offset, timestamp, key, "
            + "headers, type, value), until Ctrl-C, --max or --idle."})
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Lower case, as operators type them; picocli refuses any other word before anything connects. */
    enum Action {
        apply, check, list, tail
    }

    @Parameters(index = "0", paramLabel = "ACTION", description = "${COMPLETION-CANDIDATES}")
    Action action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TOPIC", description = "The topic tail reads (its full name).")
    String topic;

    @Option(names = "--from-beginning", description = "tail: start at the oldest record instead of the newest.")
    boolean fromBeginning;

    @Option(names = "--key", paramLabel = "ID", description = "tail: only records with this key (a plan's correlation id).")
    String key;

    @Option(names = "--max", paramLabel = "N", description = "tail: stop after N records (default: no limit).")
    long max;

    @Option(names = "--idle", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "0s",
        description = "tail: stop after this long without a record (default: never).")
    Duration idle;

    @Option(names = "--min-brokers", paramLabel = "N",
        description = "First wait (up to --timeout) until the cluster has at least N brokers: a cluster still starting "
            + "would otherwise get topics with fewer replicas than asked for (default: no wait).")
    int minBrokers;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2m",
        description = "How long --min-brokers waits (default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (action == Action.tail && topic == null) {
            throw new IllegalArgumentException("topics tail needs the TOPIC to read");
        }
        // With --min-brokers the command waits for a cluster still starting; failing fast would defeat that.
        GampConfig config = minBrokers > 0 ? Environment.config() : Environment.connectedConfig();
        try (Admin admin = KafkaClients.admin(config)) {
            if (minBrokers > 0) {
                awaitBrokers(admin, out);
            }
            TopicProvisioner provisioner = new TopicProvisioner(admin, config);
            return switch (action) {
                case apply -> {
                    TopicProvisioner.Report report = provisioner.apply();
                    out.printf("created %d topic(s), %d already existed (replication factor %d, min.insync.replicas %d)%n",
                        report.created().size(), report.unchanged().size(), report.replicationFactor(), report.minInsyncReplicas());
                    report.created().forEach(t -> out.println("  + " + t));
                    yield problems(out, report.problems());
                }
                case check -> problems(out, provisioner.check(provisioner.specs()));
                case list -> {
                    for (TopicSpec topic : provisioner.specs()) {
                        out.printf("%-40s partitions=%d rf=%d %s%n", topic.name(), topic.partitions(), topic.replicationFactor(),
                            new java.util.TreeMap<>(topic.configs()));
                    }
                    yield 0;
                }
                case tail -> {
                    TopicTail.run(config, new TopicTail.Options(topic, fromBeginning, key, max, idle), out);
                    yield 0;
                }
            };
        }
    }

    private void awaitBrokers(Admin admin, PrintWriter out) throws InterruptedException {
        Instant giveUp = Instant.now().plus(timeout);
        int seen = 0;
        while (true) {
            try {
                seen = admin.describeCluster().nodes().get().size();
            } catch (ExecutionException notYet) {
                seen = 0;
            }
            if (seen >= minBrokers) {
                return;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("the cluster has " + seen + " broker(s) after " + Durations.format(timeout)
                    + ", fewer than --min-brokers " + minBrokers);
            }
            out.printf("waiting for %d broker(s), %d in the cluster%n", minBrokers, seen);
            out.flush();
            Thread.sleep(1000);
        }
    }

    private static int problems(PrintWriter out, List<String> problems) {
        if (problems.isEmpty()) {
            out.println("every topic is present, co-partitioned and keeps its records forever");
            return 0;
        }
        problems.forEach(p -> out.println("  ! " + p));
        return 1;
    }
}
