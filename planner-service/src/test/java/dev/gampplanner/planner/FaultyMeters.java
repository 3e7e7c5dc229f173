package dev.gampplanner.planner;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A meter registry whose counters can fail: counting an outcome is one of the steps of handling an input, and a
 * registry that throws (a meter registered twice with other tags, say) must not leave half an input behind.
 */
public final class FaultyMeters extends SimpleMeterRegistry {

    private final Map<String, Fault> faults = new HashMap<>();

    /** The fault raised by the next increment of any counter named {@code meterName}, once armed. */
    public Fault fault(String meterName) {
        return faults.computeIfAbsent(meterName, Fault::new);
    }

    @Override
    protected Counter newCounter(Meter.Id id) {
        Counter counter = super.newCounter(id);
        Fault fault = fault(id.getName());
        return new Counter() {
            @Override
            public void increment(double amount) {
                fault.raiseIfArmed();
                counter.increment(amount);
            }

            @Override
            public double count() {
                return counter.count();
            }

            @Override
            public Meter.Id getId() {
                return counter.getId();
            }
        };
    }
}
