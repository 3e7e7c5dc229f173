package dev.gampplanner.runtime.config;

/**
 * Every environment variable GAMP Planner reads, with its default and meaning. The README's
 * configuration table and {@code gamp config} are generated from this list.
 */
public enum Setting {
    BOOTSTRAP_SERVERS("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
        "Kafka bootstrap servers. Client security settings pass through as KAFKA_CLIENT_<PROPERTY> "
            + "(e.g. KAFKA_CLIENT_SECURITY_PROTOCOL=SASL_SSL sets security.protocol)."),
    SASL_USERNAME("KAFKA_SASL_USERNAME", "",
        "SCRAM-SHA-512 user every Kafka client of this process authenticates as (see gamp security apply); empty for a "
            + "broker without SASL. Clients then speak SASL_PLAINTEXT, or SASL_SSL with a trust store."),
    SASL_PASSWORD("KAFKA_SASL_PASSWORD", Secrecy.SECRET,
        "Password of KAFKA_SASL_USERNAME; or KAFKA_SASL_PASSWORD_FILE, a file holding it (a mounted secret). Never "
            + "given on a command line."),
    SSL_TRUSTSTORE_LOCATION("KAFKA_SSL_TRUSTSTORE_LOCATION", "",
        "PKCS12 trust store holding the certificate (or CA) of the brokers; set, clients use TLS."),
    SSL_TRUSTSTORE_PASSWORD("KAFKA_SSL_TRUSTSTORE_PASSWORD", Secrecy.SECRET,
        "Password of the trust store; or KAFKA_SSL_TRUSTSTORE_PASSWORD_FILE."),
    BROKER_KEYSTORE_LOCATION("GAMP_BROKER_KEYSTORE_LOCATION", "",
        "gamp broker --secure: PKCS12 key store with the broker's key and a certificate naming 127.0.0.1; set, both "
            + "listeners speak SASL_SSL (brokers trust KAFKA_SSL_TRUSTSTORE_LOCATION)."),
    BROKER_KEYSTORE_PASSWORD("GAMP_BROKER_KEYSTORE_PASSWORD", Secrecy.SECRET,
        "Password of the broker's key store and key; or GAMP_BROKER_KEYSTORE_PASSWORD_FILE."),
    SIGNING_KEY_FILE("GAMP_SIGNING_KEY_FILE", "",
        "PEM file with this service's Ed25519 key pair (gamp security apply writes one per service, 0600); set, every record "
            + "the service writes to a GAMP topic is signed. Its public key must be published on security.signing-keys."),
    TOPIC_PREFIX("GAMP_TOPIC_PREFIX", "",
        "Prefix for every topic, group and Streams application id, so several deployments can share one cluster."),
    PARTITIONS("GAMP_PARTITIONS", "6",
        "Partitions of every plan topic; all are co-partitioned by correlation id, so they must be equal. At most this many "
            + "planner instances share the work; each partition costs every transaction a commit marker, so 'gamp demo' "
            + "and 'gamp bench' on their own broker use 1 (on the benchmark machine: a quarter less planner CPU per plan)."),
    REPLICATION_FACTOR("GAMP_REPLICATION_FACTOR", "3",
        "Replication factor of the topics created; lowered to the broker count on a smaller cluster, with a warning."),
    MIN_INSYNC_REPLICAS("GAMP_MIN_INSYNC_REPLICAS", "2",
        "min.insync.replicas of the topics created; lowered to replication factor - 1 (at least 1) when needed."),
    DEFAULT_DEADLINE("GAMP_DEFAULT_DEADLINE", "30s",
        "Deadline of a plan whose request names none, counted from the request's timestamp."),
    MAX_DEADLINE("GAMP_MAX_DEADLINE", "24h",
        "Latest deadline a request may ask for, counted from its timestamp; later ones are rejected."),
    MAX_URS_BYTES("GAMP_MAX_URS_BYTES", "1048576",
        "Largest URS accepted, in bytes of UTF-8; larger requests are rejected (URS_TOO_LARGE). The default is also the "
            + "most that can be set: every record a plan leads to is sized for it."),
    MAX_REQUIREMENTS("GAMP_MAX_REQUIREMENTS", "2000",
        "Most requirements one URS may hold; more are rejected (TOO_MANY_REQUIREMENTS). The default is also the most "
            + "that can be set."),
    MAX_LINE_LENGTH("GAMP_MAX_LINE_LENGTH", "4000",
        "Most characters on one line of a URS; a longer line is rejected (LINE_TOO_LONG). The default is also the most "
            + "that can be set."),
    MAX_DETAIL_LINES("GAMP_MAX_DETAIL_LINES", "100",
        "Most detail lines under one requirement; more are rejected (TOO_MANY_DETAIL_LINES). The default is also the "
            + "most that can be set."),
    WORKER_THREADS("GAMP_WORKER_THREADS", "2",
        "Worker threads per agent service, each with its own share consumer. Per agent: GAMP_CONTEXT_WORKER_THREADS, "
            + "GAMP_SME_WORKER_THREADS, GAMP_RESEARCH_WORKER_THREADS (likewise for the other agent settings)."),
    WORKER_MAX_POLL_RECORDS("GAMP_WORKER_MAX_POLL_RECORDS", "5",
        "Most requests a worker takes from the share group at once; small values spread slow work across workers."),
    AGENT_TIME_BUDGET("GAMP_AGENT_TIME_BUDGET", "60s",
        "Longest an agent may work on one request (never past the plan's deadline) before it answers FAILED."),
    AGENT_MAX_ATTEMPTS("GAMP_AGENT_MAX_ATTEMPTS", "3",
        "Deliveries of a request before a transient failure becomes a FAILED result."),
    RETRY_BACKOFF("GAMP_RETRY_BACKOFF", "200ms",
        "Wait before releasing a request after its first transient failure; doubles with each attempt."),
    RETRY_BACKOFF_MAX("GAMP_RETRY_BACKOFF_MAX", "5s",
        "Longest wait between attempts."),
    SHARE_LOCK_DURATION("GAMP_SHARE_LOCK_DURATION", "30s",
        "How long a worker holds a request before the share group hands it to another (renewed while the agent works)."),
    MODE("GAMP_MODE", "deterministic",
        "How the agents draft: deterministic (their own analysis only) or llm (an OpenAI-protocol model drafts the "
            + "narrative parts on top of that analysis, which checks them). Per agent: GAMP_CONTEXT_MODE, GAMP_SME_MODE, "
            + "GAMP_RESEARCH_MODE; every GAMP_LLM_* setting has per-agent overrides too (GAMP_SME_LLM_MODEL ...)."),
    LLM_BASE_URL("GAMP_LLM_BASE_URL", "https://api.openai.com/v1",
        "Base URL of the OpenAI-protocol server in LLM mode: OpenAI, or a local vLLM, llama.cpp or Ollama server "
            + "(e.g. http://127.0.0.1:8000/v1)."),
    LLM_MODEL("GAMP_LLM_MODEL", "",
        "Model name in LLM mode, where it is required (e.g. gpt-4o-mini); recorded on every result."),
    LLM_API_KEY("GAMP_LLM_API_KEY", Secrecy.SECRET,
        "API key sent as a bearer token in LLM mode, empty for a local server that needs none; or GAMP_LLM_API_KEY_FILE, "
            + "a file holding it (a mounted secret). Never printed."),
    LLM_TIMEOUT("GAMP_LLM_TIMEOUT", "30s",
        "Longest one model call may take; never past the agent's time budget."),
    LLM_MAX_TOKENS("GAMP_LLM_MAX_TOKENS", "4096",
        "Most tokens the model may answer with."),
    LLM_TEMPERATURE("GAMP_LLM_TEMPERATURE", "0",
        "Sampling temperature, 0 to 2; 0 keeps answers as repeatable as the model allows."),
    LLM_CONCURRENCY("GAMP_LLM_CONCURRENCY", "8",
        "Most model calls in flight per agent service instance; a request waits for a free slot within its time budget."),
    LLM_MAX_CALLS("GAMP_LLM_MAX_CALLS", "4",
        "Most model calls per request: a schema-invalid answer, a 429 or 5xx answer and a timeout are each tried again, "
            + "within the time budget, up to this many calls (429 waits as long as Retry-After says)."),
    STATE_DIR("GAMP_STATE_DIR", "",
        "Directory of the planner's Kafka Streams state (rebuilt from changelogs if lost); empty for ./gamp-state."),
    INSTANCE_ID("GAMP_INSTANCE_ID", "",
        "Stable name of this planner instance, e.g. its StatefulSet pod name; empty for dynamic membership. Set, its "
            + "Streams applications join their groups as static members, so a restarted instance takes its tasks back at "
            + "once instead of waiting for the dead member's session to expire. Unique per instance, kept with its "
            + "GAMP_STATE_DIR."),
    COMMIT_INTERVAL("GAMP_COMMIT_INTERVAL", "20ms",
        "Kafka Streams commit interval. A plan waits for two commits (intake, aggregator): a request the intake decided, or a "
            + "plan the aggregator answered, is committed at once when the record behind it was read within this long of being "
            + "written (the thread keeps up); otherwise each planner transaction spans at least this long while records keep "
            + "coming, so a backlog is committed in batches. Streams processes fewer records after every commit, so an "
            + "interval shorter than a commit takes leaves one record per transaction: at 50 plans/s on the benchmark machine "
            + "5 ms gave an overhead p50 of 918 ms, 20 ms 78 ms, with a fifth less broker CPU per plan."),
    PRODUCER_LINGER("GAMP_PRODUCER_LINGER", "2ms",
        "How long every producer (agents' results, the planner's transactions) waits to batch records before sending; "
            + "a commit sends at once whatever waits."),
    DEADLINE_CHECK_INTERVAL("GAMP_DEADLINE_CHECK_INTERVAL", "100ms",
        "Least time between two wake-ups of the aggregator's wall-clock timers: a plan past its deadline is decided "
            + "within about this long, and deadlines falling due together are handled in one transaction."),
    DEADLINE_MAX_LEAD("GAMP_DEADLINE_MAX_LEAD", "5s",
        "How far ahead of its deadline the aggregator may close a plan whose agents are still missing. A plan is closed at "
            + "its deadline, unless more plans fall due together than the aggregator can close one after another by then "
            + "(a burst): then each is closed as far ahead as the plans due before it take to close, up to this, so that "
            + "every one is answered by its deadline. 0 closes every plan at its deadline."),
    INTAKE_MIN_TIME_LEFT("GAMP_INTAKE_MIN_TIME_LEFT", "3s",
        "A request that waited at least this long for the intake and has less than this left before its deadline when "
            + "the intake reaches it (by the wall clock), or is past its deadline, is rejected at once with the reason and "
            + "how far behind the planner was, instead of opening a plan the agents cannot finish: behind a burst the planner "
            + "answers every request by its deadline. 0 rejects only requests already past it."),
    PLAN_RETENTION("GAMP_PLAN_RETENTION", "7d",
        "How long the planner remembers a plan: a second request with its correlation id is rejected, and a result "
            + "arriving after the plan was emitted is classified on plan.late-results. The topics keep everything forever."),
    CONTEXT_EMBEDDING_CACHE_SIZE("GAMP_CONTEXT_EMBEDDING_CACHE_SIZE", "4096",
        "Requirement texts whose retrieved passages the context agent keeps (a few hundred bytes each), so a resubmitted URS "
            + "is neither embedded nor searched again; 0 turns the cache off (every requirement embedded, as for a URS never "
            + "seen: 'gamp bench' measures its cold throughput so)."),
    ORPHAN_TIMEOUT("GAMP_ORPHAN_TIMEOUT", "10m",
        "How long a result waits for its PlanOpened before it is recorded on plan.late-results as ORPHAN."),
    OTEL_JAVAAGENT("GAMP_OTEL_JAVAAGENT", "",
        "The OpenTelemetry Java agent jar the launcher and the image attach to a service when the standard OTEL_* variables "
            + "ask for traces (e.g. OTEL_EXPORTER_OTLP_ENDPOINT); both set it to the jar the build fetched. Without OTEL_* no "
            + "agent is attached."),
    ZIPKIN_JAR("GAMP_ZIPKIN_JAR", "",
        "gamp zipkin: a Zipkin server exec jar to run instead of the one fetched from Maven Central into ~/.cache/gamp/ on "
            + "first use."),
    CDS_DIR("GAMP_CDS_DIR", "/tmp/gamp-cds",
        "Directory of the class-data sharing archives of service processes ('./gamp serve', and those 'gamp bench' and the "
            + "tests start): one per Java runtime, class path, JVM options and command, made by the first run that exits "
            + "cleanly and mapped by every later start. './gamp' uses cli/target/cds when unset (a rebuild starts afresh); "
            + "empty: no archive."),
    HTTP_PORT("GAMP_HTTP_PORT", "8080",
        "Port of the /metrics (Prometheus), /health and /ready endpoint; 0 picks a free port, -1 turns it off.");

    private final String variable;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    /** Marks a password or key in the list above: empty by default, never printed, readable from a _FILE variant. */
    private enum Secrecy { SECRET }

    Setting(String variable, String defaultValue, String description) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = false;
    }

    Setting(String variable, Secrecy secrecy, String description) {
        this.variable = variable;
        this.defaultValue = "";
        this.description = description;
        this.secret = secrecy == Secrecy.SECRET;
    }

    public String variable() {
        return variable;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** A password or key: read from the variable or from the file its {@code _FILE} variant names, and never printed. */
    public boolean secret() {
        return secret;
    }

    /** The variable naming a file that holds a secret's value. */
    public String fileVariable() {
        return variable + "_FILE";
    }
}
