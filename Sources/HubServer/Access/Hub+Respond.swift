package import Foundation
import HTTPTypes
import Hummingbird
import IndicatorModel
import Logging

/// What a route handler gets besides the request: who is calling, when, and a note for the audit log.
package struct Call: Sendable {
    package let route: HubRoute
    /// The authenticated caller; nil only on open routes.
    package let principal: Principal?
    package let now: Date
    package let context: HubRequestContext
    package var note = AuditNote()

    /// The caller of an authenticated route.
    package var caller: Principal {
        get throws {
            guard let principal else { throw HubProblem.unauthorized("this route needs an API key") }
            return principal
        }
    }
}

extension Hub {
    /// Runs one request through the hub's single gate: authentication, the route's scope, the handler,
    /// errors as problem+json, then one audit entry and the request metrics — whatever the outcome.
    func respond(
        to request: Request, context: HubRequestContext, on route: HubRoute,
        with handler: @Sendable (Request, inout Call) async throws -> Response
    ) async -> Response {
        let started = ContinuousClock.now
        var principal: Principal?
        var keyID: String?
        var note = AuditNote()
        let response: Response
        do {
            if route.access != .open {
                guard audit.isWritable else {
                    throw HubProblem.unavailable(
                        "the audit log cannot be written; the hub refuses requests until it can")
                }
                let keyText = try bearerKey(of: request)
                keyID = try? KeyCredential(parsing: keyText).keyID
                principal = try await authenticate(keyText)
            }
            if case .scope(let scope) = route.access, let principal, !principal.isAllowed(scope) {
                throw HubProblem.missingScope(scope)
            }
            var call = Call(route: route, principal: principal, now: Date(), context: context)
            defer { note = call.note }
            response = try await handler(request, &call)
        } catch {
            response = problemResponse(for: error, request: request, context: context)
        }
        let outcome: AuditOutcome =
            switch response.status.kind {
            case .serverError: .failed
            case .clientError: .refused
            default: .success
            }
        if route.access != .open {
            audit.record(
                AuditEntry(
                    at: Date(), actor: principal?.participant.id, keyID: keyID ?? principal?.keyID,
                    action: note.action ?? route.action, resource: note.resource, outcome: outcome,
                    status: response.status.code, requestID: context.requestID,
                    delivered: outcome == .success ? note.delivered : nil, count: note.count,
                    policyVersion: note.policyVersion ?? policyVersion))
        }
        metrics.recordRequest(route: route, status: response.status.code, duration: started.duration(to: .now))
        return response
    }

    /// The API key of the request's `Authorization: Bearer` header.
    func bearerKey(of request: Request) throws -> String {
        guard let header = request.headers[.authorization] else {
            throw HubProblem.unauthorized("send `Authorization: Bearer <API key>`")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw HubProblem.unauthorized("the Authorization header must be `Bearer <API key>`")
        }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }

    /// The principal behind a bearer key. Every refusal gets the same answer, so that a caller cannot
    /// tell an unknown key from a wrong secret, a revoked key or a disabled participant.
    private func authenticate(_ keyText: String) async throws -> Principal {
        do {
            return try await authenticator.authenticate(bearer: keyText)
        } catch is AuthenticationError {
            throw HubProblem.unauthorized(
                "the API key is not valid: unknown, revoked, or its participant is disabled; ask the hub's operator")
        }
    }

    /// The problem+json answer for an error; errors that are not problems are logged once and answered 500.
    func problemResponse(for error: any Error, request: Request, context: HubRequestContext) -> Response {
        let problem: HubProblem
        switch error {
        case let hubProblem as HubProblem: problem = hubProblem
        case let decoding as DecodingError: problem = .decoding(decoding)
        case let storage as StorageError: problem = HubProblem(storage)
        case let http as HTTPError where http.status == .contentTooLarge:
            problem = .bodyTooLarge(limit: configuration.maxRequestBytes)
        default:
            context.logger.error("Request failed", metadata: ["scamhub.error": "\(type(of: error))"])
            problem = .internalError
        }
        do {
            return try problem.response(from: request, context: context)
        } catch {
            return Response(status: .internalServerError)
        }
    }
}

extension HubProblem {
    /// Storage refusals as the API reports them.
    init(_ error: StorageError) {
        switch error {
        case .participantExists: self = .conflict(error.description)
        case .unknownParticipant, .unknownKey: self = .notFound(error.description)
        case .participantDisabled: self = .conflict(error.description)
        case .idempotencyConflict:
            self = HubProblem(
                .conflict, "idempotency-conflict", title: "Idempotency key reused", detail: error.description)
        case .batchRejected(let items):
            self = .validation(
                error.description,
                errors: items.sorted { $0.key < $1.key }.map {
                    Problem.FieldError(pointer: "/reports/\($0.key)", detail: $0.value)
                })
        case .corruptValue: self = .internalError
        }
    }
}
