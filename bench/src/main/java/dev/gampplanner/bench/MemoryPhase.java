package dev.gampplanner.bench;

/** Each service's resident memory after the load. */
final class MemoryPhase implements BenchPhase {

    @Override
    public String name() {
        return "rss";
    }

    @Override
    public void run(Bench bench) throws InterruptedException {
        bench.report().memory(bench.fleet().services().residentMegabytes());
    }
}
