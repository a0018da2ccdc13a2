"""Smoke test: a Python grpcio client generated from proto/ calls a running server."""
import sys

import grpc
from google.protobuf.timestamp_pb2 import Timestamp

from newsfacts.v1 import article_pb2, service_pb2, service_pb2_grpc

addr, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
channel = grpc.insecure_channel(addr)
stub = service_pb2_grpc.FactExtractorStub(channel)
published = Timestamp()
published.FromJsonString("2024-05-16T02:00:00Z")
resp = stub.Extract(
    service_pb2.ExtractRequest(
        article=article_pb2.Article(id="py", text=text, published_at=published, time_zone="Asia/Shanghai"),
        options=service_pb2.ExtractOptions(offset_unit=article_pb2.OFFSET_UNIT_CODE_POINTS),
    ),
    timeout=30,
)
assert resp.article_id == "py"
# Code-point offsets are Python string indices: every span slices the text exactly.
checked = 0
for s in resp.sentences:
    assert text[s.span.start:s.span.end] == s.span.text, (s.span.start, s.span.end)
    checked += 1
for t in resp.tokens:
    assert text[t.span.start:t.span.end] == t.span.text
    checked += 1
try:
    stub.Extract(service_pb2.ExtractRequest(article=article_pb2.Article(id="empty")), timeout=10)
    raise SystemExit("empty article was accepted")
except grpc.RpcError as e:
    assert e.code() == grpc.StatusCode.INVALID_ARGUMENT, e.code()
print(f"python client: {len(resp.sentences)} sentences, {checked} spans exact, empty article refused")
