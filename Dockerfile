# One image for every GAMP Planner service; the command picks the service: serve planner | context | sme | research.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package -pl cli -am

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/gamp gamp && mkdir -p /var/lib/gamp/state && chown -R gamp /var/lib/gamp
WORKDIR /opt/gamp
COPY --from=build /src/cli/target/gamp-cli.jar /opt/gamp/gamp-cli.jar
COPY --from=build /src/cli/target/lib/ /opt/gamp/lib/
USER gamp
ENV GAMP_STATE_DIR=/var/lib/gamp/state \
    GAMP_HTTP_PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -Xmx112m -Xss512k -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=32m -XX:MaxMetaspaceSize=96m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.gampplanner.schema"
EXPOSE 8080
ENTRYPOINT ["java", "-cp", "/opt/gamp/gamp-cli.jar:/opt/gamp/lib/*", "dev.gampplanner.cli.Gamp"]
CMD ["--help"]
