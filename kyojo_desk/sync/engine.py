"""One sync round for a desk: check the server, push the outbox, pull other desks' changes.

Push comes first so that nothing pulled can hide a local edit; the desk applies each pulled
page and moves its cursor in one SQLite transaction. Any failure stops the round with a
SyncError whose message says what to do; what was already acknowledged or applied stays done,
and the rest is simply sent or fetched again next time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from typing import Any

import requests

from kyojo_desk.errors import SyncError, SyncErrorKind
from kyojo_desk.store.garbage import paused_garbage_collection
from kyojo_desk.store.schema import SCHEMA_VERSION
from kyojo_desk.store.store import Store
from kyojo_desk.store.sync_state import PageOutcome
from kyojo_desk.sync import protocol, wire_v1
from kyojo_desk.sync.client import (
    SERVER_MESSAGE,
    BatchTooLarge,
    CentralClient,
    SequenceGap,
    encode_json,
    read_pull_page,
)
from kyojo_desk.texts import N_, message

# progress(stage, count): stage is "meta", "pushed" (changes acknowledged so far) or
# "pulled-page" (entries in the page just fetched, before it is applied).
Progress = Callable[[str, int], None]


@dataclass
class SyncReport:
    """What one round did (the `--json` output of `kyojo-desk sync`).

    pushed: changes the server took (refused ones never count). rejected: every change the
    server refused and the desk still keeps, [{table, row_id, field, reason}], until it is
    corrected or a coordinator discards it; rejected_now: how many of them this round.
    quarantined: pulled rows kept aside because they cannot apply here (all of them, not only
    this round's); pulled counts those of them an updated desk applied this round."""

    pushed: int = 0
    pulled: int = 0
    conflicts: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)
    rejected_now: int = 0
    quarantined: int = 0
    erased: int = 0
    pending: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def system_ms() -> int:
    return time.time_ns() // 1_000_000


def enroll(
    store: Store, server_url: str, code: str, *, session: requests.Session | None = None
) -> dict[str, str]:
    """Enrol this desk with a one-time code. A desk that synced before gets a new id and sends
    its whole outbox again under it."""
    client = CentralClient(server_url, session=session, retries=1)
    answer = client.enroll(code)
    store.adopt_enrolment(
        server_url, answer["desk_id"], answer["token"], answer["epoch"], answer.get("city", "")
    )
    return answer


def client_for(store: Store, session: requests.Session | None = None, **options) -> CentralClient:
    if not store.is_enrolled():
        raise SyncError(
            SyncErrorKind.AUTH,
            N_(
                "この端末はまだ市のサーバーにつながっていません。市の担当者から登録コードを受け取り、つないでください。"
            ),
        )
    return CentralClient(store.server_url(), store.desk_token(), session=session, **options)


def check_meta(store: Store, meta: dict, wall_clock_ms: Callable[[], int]) -> None:
    """Stop before sending anything when the clock or the software version is wrong."""
    skew_ms = int(meta["server_time_ms"]) - wall_clock_ms()
    if abs(skew_ms) > protocol.MAX_CLOCK_SKEW_MS:
        minutes = round(abs(skew_ms) / 60000)
        direction = N_("遅れて") if skew_ms > 0 else N_("進んで")
        raise SyncError(
            SyncErrorKind.CLOCK,
            message(
                "このパソコンの時計が約{minutes}分{direction}います。時計を合わせてから同期してください。変更は端末に残っています。",
                minutes=minutes,
                direction=direction,
            ),
        )
    if int(meta["schema_min"]) > SCHEMA_VERSION:
        raise SyncError(
            SyncErrorKind.SCHEMA,
            N_(
                "このソフトウェアは古いため同期できません。更新してください。変更は端末に残っています。"
            ),
        )
    if int(meta["schema_max"]) < SCHEMA_VERSION:
        raise SyncError(
            SyncErrorKind.SCHEMA,
            N_(
                "サーバーがこの端末より古い版です。サーバーの更新を待ってから同期してください。"
                "変更は端末に残っています。"
            ),
        )
    if meta["epoch"] != store.sync_epoch():
        store.reset_pull(meta["epoch"])


@dataclass
class PreparedPush:
    """A batch read from the outbox and its push body, encoded, ready to send."""

    batch: list[protocol.Change]
    body: bytes


class PushSender:
    """Push bodies sent on a thread of their own, one at a time, in order: while the server
    stores a batch, the desk reads and encodes the next one. Nothing is counted as sent until
    the engine has the answer in hand."""

    def __init__(self, store: Store, client: CentralClient, v2: bool) -> None:
        self.store = store
        self.client = client
        self.v2 = v2
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kyojo-push")

    def prepare(self, after_seq: int, size: int, pending: int) -> PreparedPush:
        """Up to `size` outbox entries after `after_seq` as a push body. `pending`: how many
        changes wait, this batch's included (the server's status page shows the rest)."""
        store = self.store
        batch = store.outbox_after(after_seq, size)
        next_seq = store.next_seq()
        body = protocol.PushRequest(
            desk_id=store.desk_id,
            changes=batch,
            acked_seq=store.acked_seq(),
            next_seq=next_seq,
            pull_cursor=store.pull_cursor(),
            pending=pending,
            # The last batch asks for the first pull page with its answer.
            pull_page=self.v2 and (not batch or batch[-1].seq >= next_seq - 1),
        ).to_json()
        if not self.v2:
            body = wire_v1.push_body(body)
        return PreparedPush(batch, encode_json(body))

    def send(self, prepared: PreparedPush) -> Future[protocol.PushAnswer]:
        return self.pool.submit(self.client.push, prepared.body)

    def answer(
        self, prepared: PreparedPush, sent: Future[protocol.PushAnswer]
    ) -> protocol.PushAnswer:
        answer = sent.result()
        if not self.v2:
            wire_v1.push_answer(answer, prepared.batch)
        return answer

    def close(self) -> None:
        # A body still on its way is waited for, so no thread outlives the round on the
        # session; what it carried was not counted and is sent again by the next round.
        self.pool.shutdown(wait=True, cancel_futures=True)


def push_all(
    store: Store,
    client: CentralClient,
    report: SyncReport,
    progress: Progress | None = None,
    v2: bool = True,
) -> tuple[protocol.PullPage, list[Any]] | None:
    """Send the outbox in batches until the server has acknowledged all of it. Returns the
    first pull page when the last answer carried it (see `pull_all`), else None.

    The next batch is read and encoded while the server stores the one before. When the
    server took that one whole (every change applied), the next goes out at once and the
    answer is recorded meanwhile; any other answer (refusals, erasures, values that lost) is
    recorded first and the next batch read again after it."""
    batch_size = protocol.MAX_PUSH_CHANGES
    rewinds = 0
    sender = PushSender(store, client, v2)
    try:
        prepared = sender.prepare(store.acked_seq(), batch_size, store.pending_changes())
        sent = sender.send(prepared)
        while True:
            batch = prepared.batch
            following: PreparedPush | None = None
            if batch and batch[-1].seq < store.next_seq() - 1:
                following = sender.prepare(
                    batch[-1].seq, batch_size, store.pending_changes() - len(batch)
                )
            try:
                answer = sender.answer(prepared, sent)
            except BatchTooLarge:
                if not batch:
                    raise SyncError(
                        SyncErrorKind.SERVER, N_("サーバーが送信を受け付けません。")
                    ) from None
                if len(batch) > 1:
                    batch_size = max(1, len(batch) // 2)
                else:
                    # Even alone this change is too large to send: it can never apply.
                    store.mark_change_unsendable(batch[0].seq, protocol.REASON_TOO_LARGE)
                    report.rejected_now += 1
                prepared = sender.prepare(store.acked_seq(), batch_size, store.pending_changes())
                sent = sender.send(prepared)
                continue
            except SequenceGap as gap:
                rewinds += 1
                if gap.expected_seq > store.next_seq() or rewinds > 3:
                    raise SyncError(
                        SyncErrorKind.REENROL,
                        N_("サーバーとこの端末の記録が食い違っています。登録し直してください。"),
                    ) from None
                if gap.expected_seq > store.acked_seq() + 1:
                    # The server took more than this desk heard back (an answer lost on the way).
                    store.acknowledge_up_to(gap.expected_seq - 1)
                else:
                    # The server lost what it had acknowledged (restored from a backup): send
                    # again what this desk's rows hold, from the seq it expects.
                    store.resend_from_state(gap.expected_seq)
                prepared = sender.prepare(store.acked_seq(), batch_size, store.pending_changes())
                sent = sender.send(prepared)
                continue
            if batch and not batch[0].seq <= answer.acked_seq < store.next_seq():
                # A sound server acknowledges at least the first change of a batch (more when
                # it held more) and never one this desk has not made. Anything else is a
                # server fault: nothing of the answer is taken (pruning the outbox up to it
                # would lose changes never sent), and the round stops before asking again.
                raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)
            took_whole = bool(batch) and not answer.results and answer.acked_seq == batch[-1].seq
            next_sent = None
            if following is not None and took_whole:
                # Nothing in this answer changes a row or the outbox ahead: the next batch,
                # as read, is what a fresh read would give.
                next_sent = sender.send(following)
            outcome = store.record_push_answer(answer, batch)
            report.pushed += len([c for c in batch if c.seq <= answer.acked_seq]) - outcome.rejected
            report.rejected_now += outcome.rejected
            report.erased += outcome.erased
            report.conflicts += answer.conflicts
            if progress:
                progress("pushed", report.pushed)
            if next_sent is not None:
                prepared, sent = following, next_sent  # type: ignore[assignment]
                continue
            if not batch or (answer.acked_seq >= batch[-1].seq and store.pending_changes() == 0):
                # Done: the server has all of it (the last body told it how many were pending,
                # so no empty push is needed to say so).
                return None if answer.pull is None else read_pull_page(answer.pull)
            prepared = sender.prepare(store.acked_seq(), batch_size, store.pending_changes())
            sent = sender.send(prepared)
    finally:
        sender.close()


def server_holds_all(store: Store, meta: dict[str, Any]) -> bool:
    """Whether the server's meta says it holds exactly what this desk has sent and nothing
    waits here, so there is nothing to push (not even an empty batch). A server that holds
    less (restored from a backup) or more (an answer lost), or one whose meta does not say
    (release 0.1 and earlier protocol-2 servers), gets the push that sorts it out."""
    server_acked = meta.get("acked_seq")
    return (
        type(server_acked) is int
        and server_acked == store.acked_seq()
        and store.pending_changes() == 0
    )


class PageFetcher:
    """Pull pages fetched one ahead on a thread of their own: while the desk applies a page,
    the server answers for the next one. Pages are still applied one at a time, in order.

    The page fetched ahead is read (its JSON decoded) only once the page being applied is
    committing (`reading_allowed`) or is asked for: reading holds the interpreter for some
    milliseconds, and while a page is written row by row the writer needs it between rows, so
    reading then stalled the writing (a tenth of a 10 000-row pull); a commit is one long call
    into SQLite that leaves the interpreter free."""

    def __init__(self, client: CentralClient) -> None:
        self.client = client
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kyojo-pull")
        self.pending: Future[tuple[protocol.PullPage, list[Any]]] | None = None
        self.may_read = threading.Event()

    def request(self, since: int) -> None:
        self.may_read.clear()
        self.pending = self.pool.submit(
            self.client.pull, since, protocol.MAX_PULL_LIMIT, self.may_read.wait
        )

    def reading_allowed(self) -> None:
        self.may_read.set()

    def page(self) -> tuple[protocol.PullPage, list[Any]]:
        assert self.pending is not None
        pending, self.pending = self.pending, None
        self.may_read.set()
        return pending.result()

    def close(self) -> None:
        # A page fetched ahead and not wanted (the round stopped) is dropped, not waited for.
        self.may_read.set()
        self.pool.shutdown(wait=False, cancel_futures=True)


def count_applied(store: Store, report: SyncReport, outcome: PageOutcome) -> None:
    """Add what a page did to the round's report (erased people's rows compacted away)."""
    if outcome.erasures:
        store.compact_after_erasure()
    report.pulled += outcome.applied
    report.conflicts += outcome.conflicts
    report.erased += len(outcome.erasures)


def pull_all(
    store: Store,
    client: CentralClient,
    report: SyncReport,
    progress: Progress | None = None,
    v2: bool = True,
    first_page: tuple[protocol.PullPage, list[Any]] | None = None,
) -> None:
    """Fetch and apply pages until the server has nothing newer (the next page is fetched
    while this one is applied). `first_page`: the page from the cursor on, when the last push
    answer carried it (it is then not asked for again)."""
    epoch_resets = 0
    fetcher = PageFetcher(client)
    # The cursor the page being read was asked from: a page that says more follow must move
    # past it, or the desk would ask for the same page for ever.
    asked_since = store.pull_cursor()
    try:
        if first_page is None:
            fetcher.request(asked_since)
        while True:
            if first_page is not None:
                (page, malformed), first_page = first_page, None
            else:
                page, malformed = fetcher.page()
            if not v2:
                wire_v1.pull_page(page)
            if progress:
                progress("pulled-page", len(page.entries))
            if page.epoch != store.sync_epoch():
                epoch_resets += 1
                if epoch_resets > 2:
                    raise SyncError(SyncErrorKind.SERVER, N_("サーバーの状態が落ち着きません。"))
                store.reset_pull(page.epoch)
                asked_since = store.pull_cursor()
                fetcher.request(asked_since)
                continue
            if page.has_more:
                if page.next_since <= asked_since:
                    # A server fault (what was applied so far stays; the round stops here).
                    raise SyncError(SyncErrorKind.SERVER, SERVER_MESSAGE)
                # Where the cursor will be once this page is applied.
                asked_since = max(store.pull_cursor(), page.next_since)
                fetcher.request(asked_since)
            count_applied(
                store,
                report,
                store.apply_pull_page(page, malformed, before_commit=fetcher.reading_allowed),
            )
            if not page.has_more:
                return
    finally:
        fetcher.close()


def sync_once(
    store: Store,
    *,
    session: requests.Session | None = None,
    wall_clock_ms: Callable[[], int] = system_ms,
    progress: Progress | None = None,
    retries: int = 4,
    backoff_s: float = 0.5,
    stop: threading.Event | None = None,
) -> SyncReport:
    """One push-then-pull round. Raises SyncError when it could not finish. `stop`: set to
    end the round early (the desk's window is closing): no new request is begun, and what was
    acknowledged or applied so far stays (each page and answer is its own transaction).

    The cycle collector is paused for the round: its batches, pages and answers are tens of
    thousands of objects that live until the round ends."""
    with paused_garbage_collection():
        return _sync_round(store, session, wall_clock_ms, progress, retries, backoff_s, stop)


def _sync_round(
    store: Store,
    session: requests.Session | None,
    wall_clock_ms: Callable[[], int],
    progress: Progress | None,
    retries: int,
    backoff_s: float,
    stop: threading.Event | None,
) -> SyncReport:
    problem = store.identity_problem()
    if problem:
        raise SyncError(SyncErrorKind.REENROL, problem)
    client = client_for(store, session, retries=retries, backoff_s=backoff_s, stop=stop)
    report = SyncReport()
    meta = client.meta()
    if progress:
        progress("meta", 0)
    check_meta(store, meta, wall_clock_ms)
    v2 = wire_v1.speaks_v2(meta)
    first_page = None
    if not server_holds_all(store, meta):
        first_page = push_all(store, client, report, progress, v2)
    # Entries kept aside by an earlier release of this desk, applied first (older than
    # anything pulled now); it takes no request.
    count_applied(store, report, store.retry_quarantined())
    pull_all(store, client, report, progress, v2, first_page)
    store.record_sync_finished()
    report.pending = store.pending_changes()
    report.rejected = [
        {
            "table": r["table_name"],
            "row_id": r["row_id"],
            "field": r["field"],
            "reason": r["reason"],
        }
        for r in store.rejections()
    ]
    report.quarantined = store.quarantine_count()
    return report
