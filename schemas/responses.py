"""Response shapes, for the OpenAPI description (loading never uses these)."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields


class TemplateRefSchema(Schema):
    """The template version a document was rendered with."""

    id = fields.String(required=True)
    version = fields.String(required=True)


class RecordLinksSchema(Schema):
    """Where a record and its bytes live."""

    self = fields.String(required=True)
    content = fields.String(required=True)


class CitedLinksSchema(Schema):
    """Where a cited record lives."""

    self = fields.String(required=True)


class CitedRecordSchema(Schema):
    """An earlier record a document cites (a litigation notice's earlier letters)."""

    id = fields.String(required=True)
    document_type = fields.String(required=True)
    version = fields.Integer(required=True)
    links = fields.Nested(CitedLinksSchema, required=True)


class DocumentRecordSchema(Schema):
    """The audit record of one issued document (API.md, "The document record")."""

    id = fields.String(required=True)
    seq = fields.Integer()
    case_id = fields.String(required=True)
    document_type = fields.String(required=True)
    format = fields.String(required=True)
    locale = fields.String(required=True)
    version = fields.Integer(required=True)
    media_type = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    payload_sha256 = fields.String(required=True)
    template = fields.Nested(TemplateRefSchema, required=True)
    policy_digest = fields.String(allow_none=True)
    created_at = fields.String(required=True)
    created_by = fields.String(required=True)
    record_hash = fields.String(required=True)
    previous_record_hash = fields.String(required=True, allow_none=True)
    links = fields.Nested(RecordLinksSchema, required=True)
    # signed PDFs: the unsigned render, the signed file's exact prefix
    render = fields.Dict()
    # only once the retention purge deleted the bytes and the payload
    purged_at = fields.String()
    # only on a document that cites earlier records, in the order it cites them
    cites = fields.List(fields.Nested(CitedRecordSchema))
    # how the document was sent, as its case says (case.delivery), while the payload is kept
    delivery = fields.Dict()


class DocumentPageSchema(Schema):
    """One page of a case's documents, newest first."""

    documents = fields.List(fields.Nested(DocumentRecordSchema), required=True)
    next_cursor = fields.String(allow_none=True)


class VerificationSchema(Schema):
    """What re-checking one record found."""

    document_id = fields.String(required=True)
    ok = fields.Boolean(required=True)
    # null once purged: there are no bytes or payload left to check
    stored_bytes_ok = fields.Boolean(required=True, allow_none=True)
    chain_ok = fields.Boolean(required=True)
    reproducible = fields.Boolean(required=True, allow_none=True)
    rebuild_error = fields.String()
    # signed PDFs only: pyHanko's validation against the configured trust roots
    signature = fields.Dict()
    purged = fields.Boolean()
    purged_at = fields.String()
    detail = fields.String()


class LookupSchema(Schema):
    """Whether presented bytes were issued here, and by which record."""

    issued = fields.Boolean(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    record = fields.Nested(DocumentRecordSchema, allow_none=True)


class ChainSchema(Schema):
    """The result of re-checking every record's hash link."""

    ok = fields.Boolean(required=True)
    length = fields.Integer(required=True)
    head = fields.String(allow_none=True)
    first_bad_seq = fields.Integer(allow_none=True)
    blobs_ok = fields.Boolean(allow_none=True)
    bad_blobs = fields.Integer()
    problems = fields.List(fields.String())
    mode = fields.String()
    # the hash-linked audit events, and the latest anchor's token and heads
    events = fields.Dict()
    anchor = fields.Dict(allow_none=True)
    # where the walk started (since-anchor: the last verified anchor), and every anchor from there
    from_seq = fields.Integer()
    from_anchor = fields.Integer(allow_none=True)
    anchors = fields.Dict()


class AnchorSchema(Schema):
    """The store's heads and counts at one instant, with the TSA's token over their digest."""

    seq = fields.Integer(required=True)
    record_count = fields.Integer(required=True)
    chain_head = fields.String(allow_none=True)
    event_count = fields.Integer(required=True)
    events_head = fields.String(allow_none=True)
    events_head_seq = fields.Integer(allow_none=True)
    created_at = fields.String(required=True)
    created_by = fields.String(required=True)
    digest = fields.String(required=True)
    timestamped_at = fields.String(required=True)
    timestamp_token = fields.String(required=True)


class AnchorPageSchema(Schema):
    """A page of anchors, oldest first."""

    anchors = fields.List(fields.Nested(AnchorSchema), required=True)
    next_after = fields.Integer(allow_none=True)


class EventSchema(Schema):
    """One audit log entry."""

    seq = fields.Integer(required=True)
    tag = fields.String(required=True)
    document_id = fields.String(allow_none=True)
    actor = fields.String(required=True)
    at = fields.String(required=True)
    request_id = fields.String(allow_none=True)
    detail = fields.Dict(allow_none=True)


class EventPageSchema(Schema):
    """A page of the audit log, oldest first."""

    events = fields.List(fields.Nested(EventSchema), required=True)
    next_after = fields.Integer(allow_none=True)


# Shapes of responses that were undocumented, added for the OpenAPI description only (the
# views return plain dicts; schemathesis checks answers against these in tests/security).


class HealthSchema(Schema):
    """The liveness answer."""

    status = fields.String(required=True)


class ReadinessSchema(Schema):
    """The readiness answer: one entry per check, each with at least ``ok``."""

    status = fields.String(required=True)
    checks = fields.Dict(keys=fields.String(), values=fields.Dict(), required=True)


class TemplateLinksSchema(Schema):
    """Where a template's entry lives."""

    self = fields.String(required=True)


class TemplateSchema(Schema):
    """One template of the catalogue."""

    id = fields.String(required=True)
    document_type = fields.String(required=True)
    locale = fields.String(required=True)
    formats = fields.List(fields.String(), required=True)
    issuable_formats = fields.List(fields.String(), required=True)
    version = fields.String(required=True)
    title = fields.String(allow_none=True)
    links = fields.Nested(TemplateLinksSchema, required=True)


class TemplateListSchema(Schema):
    """Every template the service renders."""

    templates = fields.List(fields.Nested(TemplateSchema), required=True)


class TemplateDetailSchema(TemplateSchema):
    """One template with a sample case and a complete request that renders it."""

    sample_case = fields.Dict(required=True)
    sample_request = fields.Dict(required=True)
    # by name: "joint" names two debtors and two guarantors (templates/legal/<type>/examples/)
    example_requests = fields.Dict()


class ViolationSchema(Schema):
    """One rule a case would break."""

    rule = fields.String(required=True)
    path = fields.String(allow_none=True)
    message = fields.String(required=True)


class ComplianceCheckSchema(Schema):
    """What the compliance guard thinks of a case, without rendering or storing it."""

    compliant = fields.Boolean(required=True)
    policy_digest = fields.String(required=True)
    violations = fields.List(fields.Nested(ViolationSchema), required=True)


class PolicySchema(Schema):
    """The active compliance policy (its sections are described by the policy file)."""

    class Meta:
        unknown = INCLUDE  # the policy's sections follow the policy file, not this schema

    name = fields.String(required=True)
    digest = fields.String(required=True)
    digest_algorithm = fields.String()


class HoldSchema(Schema):
    """A case's legal hold: whether placed now, since when, by whom and why."""

    case_id = fields.String(required=True)
    held = fields.Boolean(required=True)
    reason = fields.String(required=True, allow_none=True)
    by = fields.String(required=True, allow_none=True)
    at = fields.String(required=True, allow_none=True)


class PurgedItemSchema(Schema):
    """One document the retention purge deleted (or would delete)."""

    document_id = fields.String(required=True)
    case_id = fields.String(required=True)
    document_type = fields.String(required=True)
    expired_at = fields.String(required=True)


class PurgeReportSchema(Schema):
    """What a retention purge did, or in a dry run would do."""

    dry_run = fields.Boolean(required=True)
    as_of = fields.String(required=True)
    purged = fields.List(fields.Nested(PurgedItemSchema), required=True)
    held_cases = fields.List(fields.String(), required=True)
    blob_errors = fields.List(fields.String(), required=True)
