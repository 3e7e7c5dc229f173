# Sourced by the gamp launcher and the image's entrypoint (POSIX sh). gamp_tracing_option prints the -javaagent
# option when the standard OTEL_* variables ask for traces, and nothing otherwise: a service without tracing starts
# without the agent's cost. The agent jar is GAMP_OTEL_JAVAAGENT (the build puts it in cli/target/otel/).
gamp_tracing_wanted() {
  [ "${OTEL_SDK_DISABLED:-false}" != true ] && [ "${OTEL_JAVAAGENT_ENABLED:-true}" != false ] || return 1
  [ "${OTEL_TRACES_EXPORTER:-}" != none ] || return 1
  [ -n "${OTEL_TRACES_EXPORTER:-}${OTEL_EXPORTER_OTLP_ENDPOINT:-}${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-}${OTEL_EXPORTER_ZIPKIN_ENDPOINT:-}" ]
}

# The image's services run in a 112 MB heap; the agent keeps its instrumentation in the heap too, and the context
# agent loading its embedding model beside it ran out of memory there, so a traced service gets more.
gamp_traced_heap_option() {
  gamp_tracing_wanted && [ -f "${GAMP_OTEL_JAVAAGENT:-}" ] && printf '%s' "-Xmx176m"
  return 0
}

gamp_tracing_option() {
  gamp_tracing_wanted || return 0
  if [ -f "${GAMP_OTEL_JAVAAGENT:-}" ]; then
    printf '%s' "-javaagent:$GAMP_OTEL_JAVAAGENT"
  else
    echo "gamp: OTEL_* asks for traces but the OpenTelemetry agent jar '${GAMP_OTEL_JAVAAGENT:-}' is missing; running without it" >&2
  fi
}
