package io.gitlabopsbot.approval;

import io.gitlabopsbot.access.AccessPolicy;
import io.gitlabopsbot.access.AuditLog;
import io.gitlabopsbot.access.Caller;
import io.gitlabopsbot.access.Decision;
import io.gitlabopsbot.approval.ApprovalDecision.Approved;
import io.gitlabopsbot.approval.ApprovalDecision.Reason;
import io.gitlabopsbot.approval.ApprovalDecision.Refused;
import io.gitlabopsbot.approval.ApprovalDecision.Rejected;
import io.gitlabopsbot.config.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Four-eyes approval of destructive operations: a request waits for a second person who holds the
 * approver role, is decided once, expires when nobody decides, and is bound to the hash of the
 * exact operation. State lives in the {@link ApprovalStore}, so it survives restarts and is shared
 * by replicas.
 */
public final class Approvals {

  /** How long a request waits for a decision unless configured otherwise. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

  private static final int EXPIRY_BATCH = 100;

  private final ApprovalStore store;
  private final AccessPolicy policy;
  private final ApprovalAudit audit;
  private final Clock clock;
  private final ApprovalIds ids;

  public Approvals(ApprovalStore store, AccessPolicy policy, AuditLog audit, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.audit = new ApprovalAudit(Objects.requireNonNull(audit, "audit"), clock);
    this.ids = new ApprovalIds(new SecureRandom());
  }

  /** Stores a new PENDING request that expires after {@code ttl}. */
  public ApprovalRequest request(ApprovalSubject subject, Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("an approval must stay open for a while, not " + ttl);
    }
    Instant now = clock.instant();
    ApprovalRequest request =
        new ApprovalRequest(
            ids.next(),
            subject,
            subject.operationHash(),
            ApprovalStatus.PENDING,
            now,
            now.plus(ttl),
            null,
            null,
            null,
            null,
            null);
    store.insert(request);
    audit.byBot(request, "requested", "expires " + request.expiresAt());
    return request;
  }

  /**
   * Records an operation confirmed at the terminal, where there is no second person: the person at
   * the CLI retyped what it affects. Stored already APPROVED (by the local user), so it is claimed
   * with {@link #consume} like any other, and audited as a CLI approval.
   *
   * @param how what the person did to confirm, e.g. {@code retyped the backup ID}
   */
  public ApprovalRequest approveByCli(ApprovalSubject subject, Caller cli, String how) {
    if (!cli.fromCli()) {
      throw new IllegalArgumentException("only a CLI caller confirms at the terminal");
    }
    Instant now = clock.instant();
    ApprovalRequest request =
        new ApprovalRequest(
            ids.next(),
            subject,
            subject.operationHash(),
            ApprovalStatus.APPROVED,
            now,
            now,
            cli.userId(),
            now,
            null,
            null,
            null);
    store.insert(request);
    audit.byCaller(
        cli, request.id(), request, "approved-cli", how + "; " + request.operationHash());
    return request;
  }

  /** Records where the Slack message for the request was posted, so it can be updated later. */
  public void attachMessage(String id, String channel, String ts) {
    store.attachMessage(id, channel, ts);
  }

  /** The request with this ID, if any. */
  public Optional<ApprovalRequest> find(String id) {
    return ApprovalIds.wellFormed(id) ? store.find(id) : Optional.empty();
  }

  /**
   * Approves or rejects from a button click; no operation hash is checked beyond the stored one.
   */
  public ApprovalDecision decide(String id, Caller approver, boolean approve) {
    return decide(id, approver, approve, null);
  }

  /**
   * Approves or rejects a pending request.
   *
   * @param expectedHash when not null, the operation hash the caller believes it is deciding on
   */
  public ApprovalDecision decide(String id, Caller approver, boolean approve, String expectedHash) {
    Optional<ApprovalRequest> found = find(id);
    if (found.isEmpty()) {
      return refuse(approver, id, null, Reason.UNKNOWN_ID, ApprovalTexts.UNKNOWN);
    }
    ApprovalRequest request = found.get();
    if (!request.intact()
        || (expectedHash != null && !expectedHash.equals(request.operationHash()))) {
      return refuse(approver, id, request, Reason.HASH_MISMATCH, ApprovalTexts.TAMPERED);
    }
    if (request.status() != ApprovalStatus.PENDING) {
      return refuseNotPending(approver, request);
    }
    Instant now = clock.instant();
    if (!now.isBefore(request.expiresAt())) {
      store.expire(id, now);
      return refuseNotPending(approver, store.find(id).orElse(request));
    }
    Optional<Refused> notAllowed = refuseIfMayNotDecide(request, approver);
    if (notAllowed.isPresent()) {
      return notAllowed.get();
    }
    ApprovalStatus to = approve ? ApprovalStatus.APPROVED : ApprovalStatus.REJECTED;
    if (!store.decide(id, to, approver.userId(), now)) {
      // Another click or replica got there first, or it expired meanwhile.
      store.expire(id, now);
      return refuseNotPending(approver, store.find(id).orElse(request));
    }
    ApprovalRequest decided = store.find(id).orElseThrow();
    String word = approve ? "approved" : "rejected";
    audit.byCaller(approver, id, decided, word, word + " " + request.operationHash());
    return approve ? new Approved(decided) : new Rejected(decided, approver.userId());
  }

  /**
   * Approves a pending request only when {@code typed} (stripped) is exactly its {@code parameter}
   * (e.g. the backup ID an approver typed in a dialog); otherwise nothing is decided and the
   * attempt is audited, without what was typed. Every rule of {@link #decide} applies as well.
   *
   * @param parameter the subject parameter to compare with, or null when none may be typed
   */
  public ApprovalDecision approveTyped(String id, Caller approver, String parameter, String typed) {
    Optional<ApprovalRequest> found = find(id);
    if (found.isPresent() && awaitsDecision(found.get())) {
      String expected =
          parameter == null ? null : found.get().subject().parameters().get(parameter);
      if (expected == null || typed == null || !expected.equals(typed.strip())) {
        return refuse(
            approver, id, found.get(), Reason.TYPED_MISMATCH, ApprovalTexts.TYPED_MISMATCH);
      }
    }
    // Not awaiting a decision (unknown, decided, expired, altered): decide refuses and says why.
    return decide(id, approver, true);
  }

  /**
   * Refuses (and audits) when {@code caller} may never decide {@code request}: a CLI caller, the
   * requester or anyone else the request excludes (e.g. whoever started the run a step belongs to),
   * or someone without the approver role. Empty when they may decide it.
   */
  public Optional<Refused> refuseIfMayNotDecide(ApprovalRequest request, Caller caller) {
    if (caller.fromCli()) {
      return Optional.of(
          refuse(caller, request.id(), request, Reason.OWN_REQUEST, ApprovalTexts.CLI));
    }
    if (request.subject().excludedApprovers().contains(caller.userId())) {
      String text =
          caller.userId().equals(request.subject().requesterId())
              ? ApprovalTexts.OWN
              : ApprovalTexts.INVOLVED;
      return Optional.of(refuse(caller, request.id(), request, Reason.OWN_REQUEST, text));
    }
    Decision access = policy.check(caller, Role.APPROVER);
    if (access instanceof Decision.Denied denied) {
      return Optional.of(
          refuse(caller, request.id(), request, Reason.NOT_APPROVER, denied.reason()));
    }
    return Optional.empty();
  }

  /** Whether {@code request} can still be decided now: pending, unexpired and unaltered. */
  public boolean awaitsDecision(ApprovalRequest request) {
    return request.intact()
        && request.status() == ApprovalStatus.PENDING
        && clock.instant().isBefore(request.expiresAt());
  }

  /**
   * Claims an APPROVED request for execution, exactly once across all replicas; false if it is not
   * approved, was claimed already, or {@code operationHash} is not the approved operation's hash.
   */
  public boolean consume(String id, String operationHash) {
    Optional<ApprovalRequest> request = find(id);
    if (request.isEmpty() || !request.get().intact()) {
      return false;
    }
    boolean claimed = store.claim(id, operationHash);
    audit.byBot(
        request.get(),
        claimed ? "executing" : "claim-refused",
        claimed ? "claimed for execution" : "not approved, already claimed, or hash differs");
    return claimed;
  }

  /** Records how the claimed operation ended; false if it was not EXECUTING. */
  public boolean complete(String id, String outcome) {
    boolean done = store.complete(id, outcome, clock.instant());
    find(id)
        .ifPresent(
            r ->
                audit.byBot(
                    r,
                    done ? "completed" : "complete-refused",
                    done ? outcome : "not executing; outcome " + outcome + " not recorded"));
    return done;
  }

  /** Marks overdue PENDING requests EXPIRED and returns those this call expired. */
  public List<ApprovalRequest> expireDue() {
    Instant now = clock.instant();
    List<ApprovalRequest> expired = new ArrayList<>();
    for (ApprovalRequest due : store.pendingDue(now, EXPIRY_BATCH)) {
      // Another replica may sweep at the same time; only the one whose update wins reports it.
      if (store.expire(due.id(), now)) {
        ApprovalRequest current = store.find(due.id()).orElse(due);
        audit.byBot(current, "expired", "no decision before " + due.expiresAt());
        expired.add(current);
      }
    }
    return expired;
  }

  private Refused refuseNotPending(Caller caller, ApprovalRequest request) {
    boolean expired = request.status() == ApprovalStatus.EXPIRED;
    Reason reason = expired ? Reason.EXPIRED : Reason.ALREADY_DECIDED;
    String text = expired ? ApprovalTexts.EXPIRED : ApprovalTexts.alreadyDecided(request);
    return refuse(caller, request.id(), request, reason, text);
  }

  private Refused refuse(
      Caller caller, String id, ApprovalRequest request, Reason reason, String message) {
    audit.byCaller(
        caller,
        id,
        request,
        "refused",
        reason.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
    return new Refused(reason, message, Optional.ofNullable(request));
  }
}
