import Foundation
import IndicatorModel
import Testing

@testable import HubClient

struct HubResponseTests {
    private func response(
        _ status: Int, _ reason: String, contentType: String?, retryAfter: String? = nil, body: String
    ) -> HubResponse {
        HubResponse(
            status: status, reasonPhrase: reason, contentType: contentType, retryAfter: retryAfter,
            body: Data(body.utf8))
    }

    /// RFC 9457 §3, the first example, verbatim: no `status` member, two extension members.
    static let outOfCredit = """
        {
         "type": "https://example.com/probs/out-of-credit",
         "title": "You do not have enough credit.",
         "detail": "Your current balance is 30, but that costs 50.",
         "instance": "/account/12345/msgs/abc",
         "balance": 30,
         "accounts": ["/account/12345",
                      "/account/67890"]
        }
        """

    /// RFC 9457 §3, the validation example, verbatim: no `status`, no `detail`, an `errors` array.
    static let validationError = """
        {
         "type": "https://example.net/validation-error",
         "title": "Your request is not valid.",
         "errors": [
                     {
                       "detail": "must be a positive integer",
                       "pointer": "#/age"
                     },
                     {
                       "detail": "must be 'green', 'red' or 'blue'",
                       "pointer": "#/profile/color"
                     }
                  ]
        }
        """

    @Test func theRFCOutOfCreditExampleBecomesAProblemWithTheHTTPStatus() {
        let answer = response(403, "Forbidden", contentType: "application/problem+json", body: Self.outOfCredit)
        #expect(
            answer.failure
                == .problem(
                    Problem(
                        type: "https://example.com/probs/out-of-credit", title: "You do not have enough credit.",
                        status: 403, detail: "Your current balance is 30, but that costs 50.",
                        instance: "/account/12345/msgs/abc")))
    }

    @Test func theRFCValidationExampleKeepsEachFieldError() {
        let answer = response(
            422, "Unprocessable Content", contentType: "application/problem+json", body: Self.validationError)
        #expect(
            answer.failure
                == .problem(
                    Problem(
                        type: "https://example.net/validation-error", title: "Your request is not valid.",
                        status: 422,
                        errors: [
                            .init(pointer: "#/age", detail: "must be a positive integer"),
                            .init(pointer: "#/profile/color", detail: "must be 'green', 'red' or 'blue'"),
                        ])))
        #expect(answer.failure.status == 422)
    }

    @Test func anEmptyProblemTakesAboutBlankAndTheStatusPhrase() {
        let answer = response(404, "Not Found", contentType: "application/problem+json; charset=utf-8", body: "{}")
        #expect(answer.failure == .problem(Problem(type: "about:blank", title: "Not Found", status: 404)))
    }

    @Test func aRateLimitTakesItsWaitFromTheBodyOrElseTheHeader() {
        let hub = response(
            429, "Too Many Requests", contentType: "application/problem+json", retryAfter: "30",
            body:
                #"{"type":"https://scamhub.dev/problems/rate-limited","title":"Rate limit exceeded","status":429,"retry_after":12}"#
        )
        #expect(hub.failure.retryAfterSeconds == 12)
        let headerOnly = response(
            429, "Too Many Requests", contentType: "application/problem+json", retryAfter: " 30",
            body: #"{"title":"Slow down"}"#)
        #expect(headerOnly.failure.retryAfterSeconds == 30)
        #expect(headerOnly.failure.status == 429)
    }

    @Test func answersThatAreNotProblemsNameTheStatusButNotAnHTMLPage() {
        let proxy = response(502, "Bad Gateway", contentType: "text/html", body: "<html><h1>secret page</h1></html>")
        #expect(proxy.failure == .unexpectedResponse(status: 502, detail: "Bad Gateway (text/html body)"))
        let plain = response(503, "Service Unavailable", contentType: "text/plain", body: "upstream down\nmore\n")
        #expect(plain.failure == .unexpectedResponse(status: 503, detail: "Service Unavailable: upstream down"))
        let bare = response(500, "Internal Server Error", contentType: nil, body: "")
        #expect(bare.failure == .unexpectedResponse(status: 500, detail: "Internal Server Error"))
    }

    @Test func aRedirectIsReportedWithWhereItPoints() {
        var moved = response(301, "Moved Permanently", contentType: nil, body: "")
        moved.location = "https://hub.example/"
        #expect(
            moved.failure
                == .unexpectedResponse(
                    status: 301,
                    detail: "Moved Permanently; it redirects to https://hub.example/, which may be the hub's URL"))
    }

    @Test func aSuccessfulAnswerDecodesAsItsWireType() throws {
        let body =
            #"{"participants":[{"id":"bank-a","role":"bank","jurisdiction":"TH","communities":["th"],"#
            + #""created_at":"2026-11-25T23:41:08Z"}]}"#
        let list = try response(200, "OK", contentType: "application/json", body: body).decode(as: ParticipantList.self)
        #expect(list.participants.map(\.id.rawValue) == ["bank-a"])
        #expect(list.participants.first?.createdAt == Date(timeIntervalSince1970: 1_795_650_068))
        #expect(list.participants.first?.disabledAt == nil)
    }

    @Test func aSuccessfulAnswerOfTheWrongShapeSaysWhereItBroke() {
        let answer = response(200, "OK", contentType: "application/json", body: #"{"participants":[{"id":"bank-a"}]}"#)
        #expect {
            try answer.decode(as: ParticipantList.self)
        } throws: { error in
            guard case .unexpectedResponse(200, let detail) = error as? HubClientError else { return false }
            return detail.contains("not a valid ParticipantList") && detail.contains("/participants/0")
        }
    }

    @Test func aFailedAnswerIsNotDecodedAsTheWireType() {
        let answer = response(
            401, "Unauthorized", contentType: "application/problem+json", body: #"{"title":"Not authenticated"}"#)
        #expect(throws: HubClientError.problem(Problem(type: "about:blank", title: "Not authenticated", status: 401))) {
            try answer.decode(as: ParticipantList.self)
        }
    }
}
