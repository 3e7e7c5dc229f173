# One image for every GAMP Planner service; the command picks the service: serve planner | context | sme | research.
# It is assembled from the jars the Maven build made, so building it needs no registry but the base image's:
#   mvn -B -DskipTests package -pl cli -am
#   docker build -t gamp-planner:0.1.0 .                                             # on eclipse-temurin:17-jre
#   podman build --build-arg BASE_IMAGE=localhost/debian-jre:17-bookworm -t gamp-planner:0.1.0 .
# BASE_IMAGE is any Linux image with a Java 17 runtime on PATH and useradd (Debian, Ubuntu, RHEL-like).
# The target "broker" is a Kafka broker from the same jars (Kafka from Maven Central), configured like apache/kafka.
ARG BASE_IMAGE=eclipse-temurin:17-jre

FROM ${BASE_IMAGE} AS runtime
# A numeric user, so that Kubernetes can check runAsNonRoot (deploy/k8s runs it as 10001 with fsGroup 10001).
RUN groupadd --gid 10001 gamp \
 && useradd --uid 10001 --gid gamp --no-create-home --home-dir /var/lib/gamp --shell /usr/sbin/nologin gamp \
 && mkdir -p /var/lib/gamp/state /var/lib/kafka/data \
 && chown -R gamp:gamp /var/lib/gamp /var/lib/kafka
WORKDIR /opt/gamp
# Libraries first: they change less often than the project's own jar, so rebuilds reuse that layer.
COPY cli/target/lib/ /opt/gamp/lib/
COPY cli/target/gamp-cli.jar /opt/gamp/gamp-cli.jar
COPY deploy/kafka/kafka-broker deploy/kafka/broker-properties /opt/gamp/bin/
# Attached only when OTEL_* asks for traces (see README, "Observability: traces").
COPY cli/target/otel/opentelemetry-javaagent.jar /opt/gamp/otel/opentelemetry-javaagent.jar
COPY deploy/otel/tracing.sh deploy/otel/gamp-service /opt/gamp/bin/
USER 10001:10001

FROM runtime AS broker
ENV KAFKA_LOG_DIRS=/var/lib/kafka/data \
    KAFKA_HEAP_OPTS="-Xms256m -Xmx256m" \
    MALLOC_ARENA_MAX=2
EXPOSE 9092 9093
ENTRYPOINT ["/opt/gamp/bin/kafka-broker"]

FROM runtime AS service
ENV GAMP_STATE_DIR=/var/lib/gamp/state \
    GAMP_HTTP_PORT=8080 \
    GAMP_OTEL_JAVAAGENT=/opt/gamp/otel/opentelemetry-javaagent.jar \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xms32m -Xmx112m -Xss512k -XX:NewRatio=1 -XX:SurvivorRatio=4 -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Djdk.nio.maxCachedBufferSize=262144 -XX:TrimNativeHeapInterval=5000 -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.gampplanner.schema"
EXPOSE 8080
ENTRYPOINT ["/opt/gamp/bin/gamp-service"]
CMD ["--help"]
