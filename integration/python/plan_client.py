#!/usr/bin/python3
"""An upstream system's GAMP Planner client in Python: Debian's python3-avro and python3-confluent-kafka only.

  plan_client.py submit URS.md...      writes one PlanRequest per file under a fresh correlation id, then reads
                                       plan.merged and plan.rejected (read_committed) until each is answered;
                                       prints one JSON object per answer
  plan_client.py schemas [--canonical] every published schema version and its fingerprint, as 'gamp schemas' prints

Environment: KAFKA_BOOTSTRAP_SERVERS (default localhost:9092), GAMP_TOPIC_PREFIX (default none),
GAMP_SCHEMA_HISTORY (default: the repository's schemas/src/main/resources/schema-history),
GAMP_ANSWER_TIMEOUT_S (default 120).
"""

import json
import os
import sys
import time
import uuid

from confluent_kafka import Consumer, KafkaError, KafkaException, Producer, TopicPartition

from gamp_contract import Contract

HERE = os.path.dirname(os.path.abspath(__file__))
HISTORY = os.environ.get("GAMP_SCHEMA_HISTORY",
                         os.path.join(HERE, "..", "..", "schemas", "src", "main", "resources", "schema-history"))
BOOTSTRAP = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
PREFIX = os.environ.get("GAMP_TOPIC_PREFIX", "")
TIMEOUT_S = float(os.environ.get("GAMP_ANSWER_TIMEOUT_S", "120"))


def topic(name):
    return PREFIX + name


def plan_request(path):
    with open(path, encoding="utf-8") as f:
        urs = f.read()
    return {"source": os.path.basename(path), "urs": urs, "gampCategory": None, "deadline": None,
            "submittedBy": "python-example", "labels": {"client": "python3-avro"}}


def end_offsets(consumer, topics):
    """Where each partition ends now: answers to requests written after this point lie beyond it."""
    ends = []
    for name in topics:
        metadata = consumer.list_topics(name, timeout=10).topics[name]
        if metadata.error is not None:
            raise SystemExit("plan_client: topic %s: %s" % (name, metadata.error))
        for partition in metadata.partitions:
            ends.append(TopicPartition(name, partition, high_watermark(consumer, TopicPartition(name, partition))))
    return ends


def high_watermark(consumer, partition):
    """Retried while a just-created topic still elects its leaders."""
    give_up = time.monotonic() + 30
    while True:
        try:
            return consumer.get_watermark_offsets(partition, timeout=10)[1]
        except KafkaException as e:
            if not e.args[0].retriable() and e.args[0].code() != KafkaError.NOT_LEADER_FOR_PARTITION \
                    or time.monotonic() > give_up:
                raise
            time.sleep(0.5)


def summary(kind, datum):
    """What a caller looks at first; the whole decoded record is under 'record'."""
    if kind == "MergedPlan":
        return {"status": datum["status"], "source": datum["source"]}
    return {"reasons": [r["code"] for r in datum["reasons"]], "source": datum["source"]}


def submit(files, contract):
    consumer = Consumer({"bootstrap.servers": BOOTSTRAP, "group.id": "python-example-" + uuid.uuid4().hex,
                         "isolation.level": "read_committed", "enable.auto.commit": False})
    # Assigned at today's end before writing, so no answer is missed and none of earlier runs is read.
    consumer.assign(end_offsets(consumer, [topic("plan.merged"), topic("plan.rejected")]))
    # Java's partitioner, so a request lands in the partition of its plan's other records, as the Java clients put it.
    producer = Producer({"bootstrap.servers": BOOTSTRAP, "enable.idempotence": True, "partitioner": "murmur2_random"})
    pending = {}
    for path in files:
        key = str(uuid.uuid4())
        producer.produce(topic("plan.requests"), key=key.encode("utf-8"),
                         value=contract.encode("PlanRequest", plan_request(path)))
        pending[key] = path
    if producer.flush(30) != 0:
        raise SystemExit("plan_client: the broker did not take every request")
    deadline = time.monotonic() + TIMEOUT_S
    while pending and time.monotonic() < deadline:
        message = consumer.poll(1.0)
        if message is None or message.error() is not None:
            continue
        key = message.key().decode("utf-8") if message.key() else None
        if key not in pending:
            continue
        kind, datum = contract.decode(message.value())
        answer = {"correlationId": key, "file": pending.pop(key), "topic": message.topic(), "type": kind}
        answer.update(summary(kind, datum))
        answer["record"] = datum
        print(json.dumps(answer, default=str, ensure_ascii=False), flush=True)
    consumer.close()
    for key, path in pending.items():
        print("plan_client: no answer for %s (%s) within %.0f s" % (path, key, TIMEOUT_S), file=sys.stderr)
    return 1 if pending else 0


def schemas(contract, canonical):
    for version in contract.versions:
        line = version.file + "\t" + version.fingerprint.hex()
        print(line + ("\t" + version.canonical if canonical else ""))
    return 0


def main(argv):
    contract = Contract(HISTORY)
    if len(argv) >= 2 and argv[0] == "submit":
        return submit(argv[1:], contract)
    if argv and argv[0] == "schemas" and argv[1:] in ([], ["--canonical"]):
        return schemas(contract, argv[1:] == ["--canonical"])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
