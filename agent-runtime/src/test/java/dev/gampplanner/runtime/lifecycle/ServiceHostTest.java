package dev.gampplanner.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.gampplanner.runtime.config.GampConfig;
import dev.gampplanner.runtime.observability.Health;
import dev.gampplanner.runtime.observability.Observability;

class ServiceHostTest {

    private static final GampConfig CONFIG = GampConfig.fromEnvironment(Map.of("GAMP_HTTP_PORT", "-1"));

    private final List<String> events = Collections.synchronizedList(new ArrayList<>());

    /** A service that reports UP once started, or cannot start at all. */
    private Function<Observability, ManagedService> service(String name, boolean starts) {
        return observability -> new ManagedService() {
            private volatile Health health = Health.starting("not started");

            @Override
            public String name() {
                return name;
            }

            @Override
            public void start() {
                observability.register(name, this::health);
                if (!starts) {
                    throw new IllegalStateException(name + " cannot reach the broker");
                }
                health = Health.up("running");
                events.add("started " + name);
            }

            @Override
            public Health health() {
                return health;
            }

            @Override
            public void close() {
                health = Health.down("stopped");
                events.add("stopped " + name);
            }
        };
    }

    @Test
    void isReadyOnceEveryServiceHasStartedAndStopsThemInReverseOrder() {
        ServiceHost host = new ServiceHost(CONFIG).start(List.of(service("intake", true), service("aggregator", true)));
        assertThat(host.observability().isReady()).isTrue();

        host.stop();
        // Services start side by side, so only the stopping order is fixed.
        assertThat(events.subList(0, 2)).containsExactlyInAnyOrder("started intake", "started aggregator");
        assertThat(events.subList(2, 4)).containsExactly("stopped aggregator", "stopped intake");
    }

    @Test
    void neverReportsReadyWhenOneServiceCannotStartAndStopsTheOthers() {
        ServiceHost host = new ServiceHost(CONFIG);
        assertThatThrownBy(() -> host.start(List.of(service("intake", true), service("aggregator", false))))
            .hasMessage("aggregator cannot reach the broker");

        assertThat(host.observability().isReady()).isFalse();
        assertThat(events).contains("started intake", "stopped intake");
    }
}
