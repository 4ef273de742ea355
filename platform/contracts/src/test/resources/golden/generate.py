#!/usr/bin/env python3
"""Writes the golden events with an implementation of the hash chain that is independent of the
Java one: for data made only of strings, integers, booleans and nested objects/arrays, RFC 8785
canonical JSON is json.dumps with sorted keys, no whitespace and UTF-8 output. HashChainGoldenTest
checks that the Java code reproduces every hash written here. Run it only to add a golden event;
changing an existing one is a contract change."""
import hashlib, json, pathlib

GENESIS = "0" * 64
INVOICE = "0b9c2a52-8a4e-4c39-9d3e-6f1d2c1b7a01"

def jcs(obj):
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")

def seal(event, prev):
    event = dict(event, prevhash=prev)
    event["hash"] = hashlib.sha256(prev.encode("ascii") + jcs(event)).hexdigest()
    return event

def envelope(eid, etype, source, subject, seq, data, bdate="2026-02-05", time="2026-02-05T08:00:00.000Z", causation=None, correlation=INVOICE):
    e = {"specversion": "1.0", "id": eid, "type": etype, "source": source, "subject": subject,
         "time": time, "datacontenttype": "application/json",
         "dataschema": f"urn:relance:schema:{etype}:v1", "tenant": "default",
         "businessdate": bdate, "sequence": str(seq), "data": data}
    if correlation:
        e["correlationid"] = correlation
    if causation:
        e["causationid"] = causation
    return e

debtor = {"id": "C-1", "name": "Société Dupont & Fils", "email": "compta@dupont.example",
          "legalId": "552100554", "language": "fr", "segments": ["SME"],
          "contacts": [{"name": "Élise Martin", "email": "elise@dupont.example", "phone": "+33 1 23 45 67 89", "role": "accounts payable"}]}
issued = envelope("7d0f3c0e-0001-4000-8000-000000000001", "InvoiceIssued", "invoice-service", INVOICE, 1, {
    "invoiceId": INVOICE, "invoiceNumber": "F-2026-0001", "tenant": "default", "jurisdiction": "FR",
    "debtor": debtor, "issueDate": "2026-01-05", "dueDate": "2026-02-04", "currency": "EUR",
    "amount": "1200.00", "amountExcludingTax": "1000.00", "taxAmount": "200.00",
    "contractualPenaltyRatePercent": None, "earlyPaymentDiscount": {"ratePercent": "2", "withinDays": 10}},
    bdate="2026-01-05", time="2026-01-05T09:15:00.000Z")
passed = envelope("7d0f3c0e-0002-4000-8000-000000000002", "DueDatePassed", "invoice-service", INVOICE, 2, {
    "invoiceId": INVOICE, "invoiceNumber": "F-2026-0001", "debtorId": "C-1", "dueDate": "2026-02-04",
    "firstLateDay": "2026-02-05", "outstanding": "1200.00", "currency": "EUR"}, causation="7d0f3c0e-0009-4000-8000-000000000009")
paid = envelope("7d0f3c0e-0003-4000-8000-000000000003", "PaymentReceived", "invoice-service", INVOICE, 3, {
    "invoiceId": INVOICE, "paymentId": "7d0f3c0e-00a3-4000-8000-0000000000a3", "reference": "VIR-123",
    "amount": "1200.00", "currency": "EUR", "paidOn": "2026-02-20", "outstandingAfter": "0.00", "status": "PAID"},
    bdate="2026-02-20", time="2026-02-20T10:00:00.000Z")
chain, prev = [], GENESIS
for e in (issued, passed, paid):
    e = seal(e, prev); prev = e["hash"]; chain.append(e)

day = seal(envelope("7d0f3c0e-0009-4000-8000-000000000009", "DayStarted", "invoice-service", "default", 36,
    {"tenant": "default", "date": "2026-02-05", "zone": "Europe/Paris"}, correlation=None), "a" * 64)
request = "5f7a1c2e-1111-5000-8000-000000000111"
# dunning-service passes on only what a reminder needs of the debtor
dunning_debtor = {"id": "C-1", "name": "Société Dupont & Fils", "email": "compta@dupont.example", "language": "fr"}
requested = seal(envelope("5f7a1c2e-0001-4000-8000-000000000001", "ReminderRequested", "dunning-service", INVOICE, 1, {
    "requestId": request, "invoiceId": INVOICE, "invoiceNumber": "F-2026-0001", "debtor": dunning_debtor,
    "step": "FRIENDLY_EMAIL", "stepOffsetDays": 1, "channel": "EMAIL", "template": "friendly-reminder",
    "tone": "COURTEOUS", "language": "fr", "recipient": "compta@dupont.example", "dueDate": "2026-02-04",
    "issueDate": "2026-01-05", "daysLate": 1, "currency": "EUR", "invoiceAmount": "1200.00", "amountDue": "1200.00",
    "responseDeadline": None, "penalties": None, "planId": "default-fr", "planVersion": 1}), GENESIS)
content = "Bonjour,\nsauf erreur de notre part, la facture F-2026-0001 reste impayée.\n"
sent = seal(envelope("8e2b4d6f-0001-4000-8000-000000000001", "ReminderSent", "notification-service", INVOICE, 1, {
    "requestId": request, "invoiceId": INVOICE, "step": "FRIENDLY_EMAIL", "channel": "EMAIL",
    "recipient": "compta@dupont.example", "templateId": "friendly-reminder", "templateVersion": "1",
    "contentSha256": hashlib.sha256(content.encode()).hexdigest(),
    "messageId": "<5f7a1c2e-1111-5000-8000-000000000111@relance.local>", "providerMessageId": None,
    "sentAt": "2026-02-05T08:00:02.000Z", "subject": "Rappel : facture F-2026-0001", "content": content,
    "contentType": "text/plain; charset=UTF-8"}, causation="5f7a1c2e-0001-4000-8000-000000000001"), GENESIS)
failed = seal(envelope("8e2b4d6f-0002-4000-8000-000000000002", "ReminderFailed", "notification-service", INVOICE, 2, {
    "requestId": request, "invoiceId": INVOICE, "step": "FRIENDLY_EMAIL", "channel": "EMAIL",
    "recipient": "compta@dupont.example", "reason": "550 mailbox unavailable", "failedAt": "2026-02-05T08:00:02.000Z"}), sent["hash"])
penalty = seal(envelope("9a3c5e7f-0001-4000-8000-000000000001", "PenaltyAssessed", "penalty-service", INVOICE, 1, {
    "invoiceId": INVOICE, "invoiceNumber": "F-2026-0001", "jurisdiction": "FR", "trigger": "DUE_DATE_PASSED",
    "asOf": "2026-02-05", "dueDate": "2026-02-04", "currency": "EUR", "principal": "1200.00", "principalOutstanding": "1200.00",
    "interest": "0.40", "indemnity": "40.00", "total": "40.40",
    "periods": [{"from": "2026-02-05", "to": "2026-02-05", "days": 1, "base": "1200.00", "ratePercent": "12.15",
                 "interest": "0.40", "rule": "FR default rate: ECB MRO of 1 January + 10 points",
                 "reference": "Code de commerce L441-10 II"}]}), GENESIS)
escalated = seal(envelope("5f7a1c2e-0002-4000-8000-000000000002", "CaseEscalated", "dunning-service", INVOICE, 3, {
    "invoiceId": INVOICE, "invoiceNumber": "F-2026-0001", "debtor": dunning_debtor, "escalatedOn": "2026-03-15",
    "dueDate": "2026-02-04", "currency": "EUR", "invoiceAmount": "1200.00", "principalOutstanding": "1200.00",
    "reason": "formal notice deadline passed unpaid",
    "formalNotice": {"requestedOn": "2026-03-06", "deadline": "2026-03-14", "requestId": "5f7a1c2e-1112-5000-8000-000000000112"},
    "stepsTaken": [{"step": "FRIENDLY_EMAIL", "channel": "EMAIL", "requestedOn": "2026-02-05", "requestId": request},
                   {"step": "FORMAL_NOTICE", "channel": "EMAIL", "requestedOn": "2026-03-06", "requestId": "5f7a1c2e-1112-5000-8000-000000000112"}]},
    bdate="2026-03-15"), "b" * 64)

rate = seal(envelope("9a3c5e7f-0002-4000-8000-000000000002", "RateRecorded", "penalty-service", "ECB_MRO", 1, {
    "series": "ECB_MRO", "effectiveFrom": "2026-06-10", "ratePercent": "2.40",
    "source": "ECB press release of 4 June 2026", "verifiedThrough": "2026-11-30", "recordedBy": "credit-ops"},
    bdate="2026-11-23", time="2026-11-23T09:00:00.000Z", correlation=None), GENESIS)

discount = seal(envelope("7d0f3c0e-0004-4000-8000-000000000004", "EarlyPaymentDiscountGranted", "invoice-service",
    "1c4e6a8b-0000-4000-8000-00000000d15c", 2, {
    "invoiceId": "1c4e6a8b-0000-4000-8000-00000000d15c", "ratePercent": "2", "withinDays": 10, "discount": "24.00",
    "currency": "EUR", "grantedOn": "2026-01-12", "paymentReference": "VIR-456", "outstandingAfter": "1176.00"},
    bdate="2026-01-12", time="2026-01-12T11:00:00.000Z", correlation="1c4e6a8b-0000-4000-8000-00000000d15c"), "c" * 64)

waived = seal(envelope("9a3c5e7f-0003-4000-8000-000000000003", "PenaltyWaived", "penalty-service", INVOICE, 2, {
    "invoiceId": INVOICE, "scope": "ALL", "interestWaived": "0.40", "indemnityWaived": "40.00", "currency": "EUR",
    "asOf": "2026-02-05", "reason": "commercial gesture after a delivery dispute", "actor": "credit-manager@creditor.example"}),
    penalty["hash"])


# dunning engine (issue 3): disputes, plans as data, pauses and agreements, call tasks, credit holds
disputed = seal(envelope("7d0f3c0e-0005-4000-8000-000000000005", "InvoiceDisputed", "invoice-service", INVOICE, 4, {
    "invoiceId": INVOICE, "disputeId": "7d0f3c0e-00d1-4000-8000-0000000000d1", "category": "QUANTITY",
    "reason": "2 pallets of 10 were not delivered", "amountDisputed": "240.00", "currency": "EUR",
    "openedOn": "2026-02-10", "actor": "credit-manager@creditor.example"}, bdate="2026-02-10"), "d" * 64)
resolved = seal(envelope("7d0f3c0e-0006-4000-8000-000000000006", "InvoiceDisputeResolved", "invoice-service", INVOICE, 5, {
    "invoiceId": INVOICE, "disputeId": "7d0f3c0e-00d1-4000-8000-0000000000d1", "outcome": "UPHELD_FOR_CREDITOR",
    "note": "signed delivery note received", "resolvedOn": "2026-02-17", "actor": "credit-manager@creditor.example"},
    bdate="2026-02-17"), disputed["hash"])
fr_steps = [
    {"name": "COURTESY_NOTICE", "offsetDays": -5, "channel": "EMAIL", "template": "courtesy-notice", "tone": "COURTEOUS", "responseDays": 0},
    {"name": "FRIENDLY_EMAIL", "offsetDays": 1, "channel": "EMAIL", "template": "friendly-reminder", "tone": "COURTEOUS", "responseDays": 0},
    {"name": "SECOND_EMAIL", "offsetDays": 8, "channel": "EMAIL", "template": "second-reminder", "tone": "FIRM", "responseDays": 0},
    {"name": "PHONE_CALL", "offsetDays": 15, "channel": "PHONE_TASK", "template": "call-script", "tone": "FIRM", "responseDays": 0},
    {"name": "FORMAL_NOTICE", "offsetDays": 30, "channel": "REGISTERED_LETTER", "template": "formal-notice", "tone": "FORMAL_NOTICE", "responseDays": 8}]
plan = seal(envelope("5f7a1c2e-0003-4000-8000-000000000003", "DunningPlanPublished", "dunning-service", "default/plan/standard-fr", 1, {
    "tenant": "default", "planId": "standard-fr", "version": 1, "name": "Standard French plan",
    "description": "D-5 courtesy notice, D+1 and D+8 emails, D+15 call, D+30 formal notice by registered letter",
    "steps": fr_steps, "settings": {"dunPenaltiesAlone": False, "escalationMinimum": "15.00", "maxCallAttempts": 3, "groupByDebtor": True},
    "publishedBy": "relance", "publishedOn": "2026-01-05"}, bdate="2026-01-05", correlation=None), GENESIS)
segments = seal(envelope("5f7a1c2e-0004-4000-8000-000000000004", "DunningSegmentsPublished", "dunning-service", "default/segments", 1, {
    "tenant": "default", "version": 1, "defaultPlanId": "standard-fr", "publishedBy": "credit-manager@creditor.example",
    "publishedOn": "2026-01-05", "rules": [
        {"name": "key accounts", "planId": "key-account-fr", "when": {"segments": ["KEY_ACCOUNT"]}},
        {"name": "late payers", "planId": "short-fr", "when": {"minLatePaymentsLast12Months": 2}},
        {"name": "small invoices", "planId": "light-fr", "when": {"maxAmount": "150.00", "currencies": ["EUR"]}}]},
    bdate="2026-01-05", correlation=None), GENESIS)
assigned = seal(envelope("5f7a1c2e-0005-4000-8000-000000000005", "DunningPlanAssigned", "dunning-service", INVOICE, 1, {
    "invoiceId": INVOICE, "planId": "standard-fr", "planVersion": 1, "rule": "default",
    "reason": "no segment rule matched: the tenant's default plan", "assignedOn": "2026-01-05", "actor": "dunning-service",
    "previousPlanId": None, "previousPlanVersion": None}, bdate="2026-01-05"), GENESIS)
skipped = seal(envelope("5f7a1c2e-0006-4000-8000-000000000006", "DunningStepSkipped", "dunning-service", INVOICE, 5, {
    "invoiceId": INVOICE, "steps": ["SECOND_EMAIL"], "skippedOn": "2026-02-24",
    "reason": "dispute resolved on 2026-02-24: the plan resumes at PHONE_CALL, the step it has reached"}, bdate="2026-02-24"), "e" * 64)
promise_id = "5f7a1c2e-00p1-4000-8000-0000000000a1".replace("p", "0")
promised = seal(envelope("5f7a1c2e-0007-4000-8000-000000000007", "PromiseToPayRecorded", "dunning-service", INVOICE, 6, {
    "invoiceId": INVOICE, "promiseId": promise_id, "promisedDate": "2026-03-02", "amount": "1200.00", "currency": "EUR",
    "recordedOn": "2026-02-20", "actor": "collector@creditor.example", "note": "will pay after their customer pays", "taskId": None,
    "outstandingAtPromise": "1200.00"},
    bdate="2026-02-20"), skipped["hash"])
kept = seal(envelope("5f7a1c2e-0008-4000-8000-000000000008", "PromiseToPayKept", "dunning-service", INVOICE, 7, {
    "invoiceId": INVOICE, "promiseId": promise_id, "keptOn": "2026-03-01"}, bdate="2026-03-01"), promised["hash"])
broken = seal(envelope("5f7a1c2e-0009-4000-8000-000000000009", "PromiseToPayBroken", "dunning-service", INVOICE, 7, {
    "invoiceId": INVOICE, "promiseId": promise_id, "promisedDate": "2026-03-02", "brokenOn": "2026-03-03",
    "outstanding": "1200.00", "currency": "EUR"}, bdate="2026-03-03"), promised["hash"])
pp_id = "5f7a1c2e-0000-4000-8000-0000000000b1"
agreed = seal(envelope("5f7a1c2e-000a-4000-8000-00000000000a", "PaymentPlanAgreed", "dunning-service", INVOICE, 8, {
    "invoiceId": INVOICE, "paymentPlanId": pp_id, "currency": "EUR", "agreedOn": "2026-03-03", "actor": "credit-manager@creditor.example",
    "note": "three monthly instalments", "instalments": [{"dueDate": "2026-03-15", "amount": "400.00"},
    {"dueDate": "2026-04-15", "amount": "400.00"}, {"dueDate": "2026-05-15", "amount": "400.00"}]}, bdate="2026-03-03"), "f" * 64)
defaulted = seal(envelope("5f7a1c2e-000b-4000-8000-00000000000b", "PaymentPlanDefaulted", "dunning-service", INVOICE, 9, {
    "invoiceId": INVOICE, "paymentPlanId": pp_id, "instalmentDueDate": "2026-04-15", "expectedPaid": "800.00", "paid": "400.00",
    "outstanding": "800.00", "currency": "EUR", "defaultedOn": "2026-04-16"}, bdate="2026-04-16"), agreed["hash"])
pause_id = "5f7a1c2e-0000-4000-8000-0000000000c1"
paused = seal(envelope("5f7a1c2e-000c-4000-8000-00000000000c", "DunningPaused", "dunning-service", INVOICE, 2, {
    "invoiceId": INVOICE, "pauseId": pause_id, "until": "2026-02-28", "reason": "customer's accounts payable closed for inventory",
    "pausedOn": "2026-02-06", "actor": "credit-manager@creditor.example"}, bdate="2026-02-06"), "1" * 64)
resumed = seal(envelope("5f7a1c2e-000d-4000-8000-00000000000d", "DunningResumed", "dunning-service", INVOICE, 3, {
    "invoiceId": INVOICE, "pauseId": pause_id, "resumedOn": "2026-02-16", "actor": "credit-manager@creditor.example",
    "reason": "they reopened early"}, bdate="2026-02-16"), paused["hash"])
task_id = "5f7a1c2e-0000-4000-8000-0000000000e1"
call = seal(envelope("5f7a1c2e-000e-4000-8000-00000000000e", "CallTaskOpened", "dunning-service", INVOICE, 4, {
    "invoiceId": INVOICE, "invoiceNumber": "F-2026-0001", "taskId": task_id, "step": "PHONE_CALL", "attempt": 1,
    "openedOn": "2026-02-19", "debtor": {"id": "C-1", "name": "Société Dupont & Fils", "phone": None, "email": "compta@dupont.example",
    "contacts": [{"name": "Élise Martin", "email": "elise@dupont.example", "phone": "+33 1 23 45 67 89", "role": "accounts payable"}]},
    "collector": None, "amountDue": "1200.00", "currency": "EUR", "dueDate": "2026-02-04", "daysLate": 15,
    "planId": "standard-fr", "planVersion": 1}, bdate="2026-02-19"), "2" * 64)
outcome = seal(envelope("5f7a1c2e-000f-4000-8000-00000000000f", "CallOutcomeRecorded", "dunning-service", INVOICE, 5, {
    "invoiceId": INVOICE, "taskId": task_id, "outcome": "PROMISE_TO_PAY", "recordedOn": "2026-02-19",
    "actor": "collector@creditor.example", "note": "Élise confirms payment run of 2 March", "promisedDate": "2026-03-02",
    "promiseId": promise_id}, bdate="2026-02-19"), call["hash"])
hold = {"tenant": "default", "debtorId": "C-1", "debtorName": "Société Dupont & Fils",
        "reasons": ["overdue 12400.00 EUR is above 10000.00 EUR"], "overdue": [{"currency": "EUR", "amount": "12400.00"}],
        "oldestDaysLate": 42, "escalatedInvoices": 0}
placed = seal(envelope("5f7a1c2e-0010-4000-8000-000000000010", "CreditHoldPlaced", "dunning-service", "default/C-1", 1,
    dict(hold, placedOn="2026-03-18"), bdate="2026-03-18", correlation=None), GENESIS)
lifted = seal(envelope("5f7a1c2e-0011-4000-8000-000000000011", "CreditHoldLifted", "dunning-service", "default/C-1", 2,
    dict(hold, liftedOn="2026-04-02", reasons=["overdue 0.00 EUR, under every threshold"], overdue=[], oldestDaysLate=None),
    bdate="2026-04-02", correlation=None), placed["hash"])
discarded = seal(envelope("6a8b2d4f-0001-4000-8000-000000000001", "DeadLetterDiscarded", "dunning-service", "default", 1, {
    "tenant": "default", "consumer": "dunning-service", "topic": "PaymentReceived", "partition": 1, "offset": 4711,
    "eventId": "7d0f3c0e-00ff-4000-8000-0000000000ff", "eventType": "PaymentReceived", "subject": INVOICE,
    "recordSha256": hashlib.sha256(b'{"not":"the payment"}').hexdigest(),
    "deadLetterReason": "invalid CloudEvent: data: amount is required",
    "reason": "the bank confirmed no such transfer; the ERP sent it by mistake",
    "discardedBy": "ops@creditor.example", "discardedAt": "2026-02-06T10:00:00.000Z"},
    bdate="2026-02-06", time="2026-02-06T10:00:00.000Z", correlation=None), GENESIS)
dunning_engine = [disputed, resolved, plan, segments, assigned, skipped, promised, kept, broken, agreed, defaulted,
                  paused, resumed, call, outcome, placed, lifted, discarded]

profile = {"tenant": "default", "legalName": "Relance Démo SAS", "legalId": "552100554",
           "vatNumber": "FR40552100554",
           "address": {"lines": ["8 rue de la Paix"], "postalCode": "75002", "city": "Paris", "country": "FR"},
           "country": "FR", "timeZone": "Europe/Paris", "language": "fr",
           "signatory": {"name": "Claire Dubois", "title": "Directrice financière"},
           "contactEmail": "recouvrement@relance-demo.example"}
registered = seal(envelope("5c1e7a90-0001-4000-8000-000000000001", "TenantRegistered", "invoice-service", "default", 1,
    dict(profile, registeredBy="2f8e9f82-5c3a-451d-8f00-a44ff55a8516"),
    bdate="2026-01-05", time="2026-01-05T08:00:00.000Z", correlation=None), GENESIS)
updated = seal(envelope("5c1e7a90-0002-4000-8000-000000000002", "TenantUpdated", "invoice-service", "default", 2,
    dict(profile, signatory={"name": "Marc Lefèvre", "title": "Credit manager"}, updatedBy="2f8e9f82-5c3a-451d-8f00-a44ff55a8516"),
    bdate="2026-03-02", time="2026-03-02T08:00:00.000Z", correlation=None), registered["hash"])
tenants = [registered, updated]

# personal data (issue 13): the subject's keys destroyed; no personal value in the event itself
erased = seal(envelope("7d0f3c0e-0007-4000-8000-000000000007", "PersonalDataErased", "invoice-service", "default/C-1", 1, {
    "tenant": "default", "subjectId": "C-1", "invoices": [INVOICE], "erasedBy": "2f8e9f82-5c3a-451d-8f00-a44ff55a8516",
    "reason": "erasure request of 2031-09-01 (ticket DPO-2031-017), every claim paid",
    "erasedOn": "2031-09-02", "erasedAt": "2031-09-02T10:30:00.000Z", "keyGenerations": 1, "override": False},
    bdate="2031-09-02", time="2031-09-02T10:30:00.000Z", correlation=None), GENESIS)

out = pathlib.Path(__file__).parent
(out / "invoice-stream.json").write_text(json.dumps(chain, indent=2, ensure_ascii=False) + "\n")
for e in chain + [day, requested, sent, failed, penalty, escalated, rate, discount, waived] + dunning_engine + tenants + [erased]:
    (out / "events" / (e["type"] + ".json")).write_text(json.dumps(e, indent=2, ensure_ascii=False) + "\n")
