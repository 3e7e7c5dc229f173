package dev.gampplanner.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ShareGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Whether an agent's workers can take requests yet, as the broker sees it: a worker that has started is not yet
 * a member of its share group, and a member gets partitions only with the group's next assignment. Until every
 * worker has its share, the first ones take everything, and a measurement would count start-up as throughput.
 */
final class ShareAssignments {

    private final Admin admin;

    ShareAssignments(Admin admin) {
        this.admin = admin;
    }

    /** Members of {@code group} holding at least one partition now; 0 while the group does not exist. */
    int assignedMembers(String group) throws InterruptedException {
        try {
            ShareGroupDescription description = admin.describeShareGroups(List.of(group)).all().get().get(group);
            return description == null ? 0 : (int) description.members().stream()
                .filter(member -> !member.assignment().topicPartitions().isEmpty())
                .count();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw new IllegalStateException("cannot describe share group " + group + ": " + e.getCause().getMessage(), e);
        }
    }
}
